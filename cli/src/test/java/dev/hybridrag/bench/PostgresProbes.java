package dev.hybridrag.bench;

/** PostgreSQL logins an attacker on the machine would try: no password, the old literal ones, a wrong one. */
final class PostgresProbes {

    private final ChaosStack stack;

    PostgresProbes(ChaosStack stack) {
        this.stack = stack;
    }

    void run(SecurityTally tally) {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/hybridrag";
        String[][] logins = {{"postgres", ""}, {"hybridrag", ""}, {"postgres", "postgres"}, {"hybridrag", "hybridrag"}};
        int refused = 0;
        for (String[] login : logins) {
            refused += SecurityBenchmark.refusedLogin(url, login[0], login[1]) ? 1 : 0;
        }
        tally.add(
                "PostgreSQL",
                "TCP logins as postgres and hybridrag, no password and the old literal passwords",
                logins.length,
                refused,
                "scram-sha-256: authentication failed");
        int wrong = 0;
        for (int i = 0; i < 20; i++) {
            wrong += SecurityBenchmark.refusedLogin(url, "hybridrag", "guess-" + i) ? 1 : 0;
        }
        tally.add(
                "PostgreSQL", "a password-guessing loop as hybridrag (20 guesses)", 20, wrong, "authentication failed");
        boolean realWorks = !SecurityBenchmark.refusedLogin(
                url, "hybridrag", stack.postgres().password());
        if (!realWorks) {
            throw new IllegalStateException(
                    "the administrator's real password did not log in: the probes prove nothing");
        }
    }
}
