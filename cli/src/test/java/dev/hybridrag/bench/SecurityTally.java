package dev.hybridrag.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The security probes' counts: per probe, how many were tried, refused and answered; written to security.md. */
final class SecurityTally {

    record Row(String wall, String probe, int tried, int refused, String how) {
        int answered() {
            return tried - refused;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String wall, String probe, int tried, int refused, String how) {
        rows.add(new Row(wall, probe, tried, refused, how));
        System.out.printf("security: %-10s %-60s tried %d refused %d%n", wall, probe, tried, refused);
    }

    int tried() {
        return rows.stream().mapToInt(Row::tried).sum();
    }

    int answered() {
        return rows.stream().mapToInt(Row::answered).sum();
    }

    void write(List<String> notes) throws IOException {
        StringBuilder page = new StringBuilder("# Security probes\n\n");
        page.append(
                        "`./hybridrag bench security` (`SecurityBenchmark`) starts a PostgreSQL and a Kafka broker of its own")
                .append(" with the same scripts as `./hybridrag up` (`scripts/stack.sh`, state in `var/security`), a")
                .append(" query-service in the benchmark's JVM with the default walls, and tries every probe of")
                .append(" [docs/security.md](../security.md). Measured on ")
                .append(Reports.machine())
                .append(", a machine shared with seven other engineers' builds.\n\n");
        page.append("**")
                .append(tried())
                .append(" probes tried, ")
                .append(tried() - answered())
                .append(" refused, ")
                .append(answered())
                .append(" answered.**\n\n");
        page.append("| wall | probe | tried | refused | answered | refused how |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            page.append("| %s | %s | %d | %d | %d | %s |%n"
                    .formatted(row.wall(), row.probe(), row.tried(), row.refused(), row.answered(), row.how()));
        }
        page.append("\n");
        for (String note : notes) {
            page.append("- ").append(note).append("\n");
        }
        Reports.writeDocument("security.md", page.toString());
    }
}
