package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.testing.Sockets;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every probe of docs/security.md tried against a stack started the way {@code ./hybridrag up} starts one, counted in
 * docs/benchmarks/security.md; run with {@code ./hybridrag bench security}. Passes only when no probe was answered.
 */
class SecurityBenchmark {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String KEY = "security-bench-key-0123456789";

    @Test
    void everyProbeIsRefused() throws Exception {
        SecurityTally tally = new SecurityTally();
        List<String> notes = new ArrayList<>();
        Path var = ROOT.resolve("var/security");
        try (ChaosStack stack = ChaosStack.of(ROOT, var)) {
            stack.up();
            new PostgresProbes(stack).run(tally);
            new KafkaProbes(stack).run(tally);
            commandLines(stack, tally);
            Map<String, String> settings = new HashMap<>(stack.kafkaLogin());
            settings.put("HYBRIDRAG_QUERY_HOST", "127.0.0.1");
            settings.put("HYBRIDRAG_QUERY_PORT", "0");
            TenantConfig open = TestInfrastructure.tenant("open", stack.postgres(), var.resolve("inbox"));
            TenantConfig locked = new TenantConfig(
                    TenantId.of("locked"),
                    Isolation.WORKSPACE,
                    stack.postgres(),
                    List.of(),
                    ModelSettings.offline(),
                    ApiKeys.of(List.of(KEY)));
            try (Infrastructure infra = TestInfrastructure.create(stack.bootstrapServers(), settings, open, locked);
                    RunningServices query = RunningServices.start(infra, ServiceKind.query)) {
                new HttpProbes(query.queryPort(), KEY).run(tally, notes);
            }
        }
        notes.add("A forged record (key of one tenant, body of another, or a tenant the fleet does not serve) is"
                + " proved refused by ForgedRecordIT: dead-lettered with the reason, nothing written to any tenant.");
        tally.write(notes);
        assertThat(tally.answered()).as("probes answered").isZero();
    }

    /** Each secret of the stack looked for in every process's command line. */
    private static void commandLines(ChaosStack stack, SecurityTally tally) throws Exception {
        Process ps = new ProcessBuilder("ps", "-eo", "args")
                .redirectErrorStream(true)
                .start();
        String args = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor();
        int tried = 0;
        int absent = 0;
        try (var files = Files.list(stack.secrets())) {
            for (Path file : files.toList()) {
                tried++;
                if (!args.contains(Files.readString(file).strip())) {
                    absent++;
                }
            }
        }
        tally.add("secrets", "each stack secret searched in `ps -eo args` of every process", tried, absent, "absent");
    }

    /** True when the server closed the socket (read gives end of stream or fails within 20 ms). */
    static boolean closedByServer(Socket socket) {
        return Sockets.closedByServer(socket, 20);
    }

    static boolean refusedLogin(String url, String user, String password) {
        try (var connection = DriverManager.getConnection(url, user, password)) {
            return false;
        } catch (java.sql.SQLException e) {
            return true;
        }
    }
}
