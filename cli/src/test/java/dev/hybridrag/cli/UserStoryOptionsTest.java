package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** The Python tool's flags the user stories use: {@code query --text}, {@code --backend postgres}. */
class UserStoryOptionsTest {

    @RegisterExtension
    final FakeQueryService service = new FakeQueryService();

    private final StringWriter output = new StringWriter();
    private final StringWriter errors = new StringWriter();

    private int run(String... arguments) {
        return new CommandLine(new Main())
                .setOut(new PrintWriter(output, true))
                .setErr(new PrintWriter(errors, true))
                .execute(arguments);
    }

    @Test
    void queryTakesTheQuestionFromText() {
        int exit = run(
                "query", "--url", service.url(), "--tenant", "default", "--text", "port conflict", "--mode", "naive");

        assertThat(exit).as(errors::toString).isZero();
        assertThat(service.queries().getFirst().path("query").asText()).isEqualTo("port conflict");
        assertThat(service.queries().getFirst().path("mode").asText()).isEqualTo("naive");
    }

    @Test
    void queryWithoutAQuestionIsAUsageError() {
        assertThat(run("query", "--url", service.url(), "--tenant", "default")).isEqualTo(2);
        assertThat(errors.toString()).contains("give the question either with --text or as words");
        assertThat(service.queries()).isEmpty();
    }

    @Test
    void backendOtherThanPostgresIsRefusedBeforeAnythingRuns() {
        assertThat(run("backend", "init", "--backend", "sqlite")).isEqualTo(2);
        assertThat(errors.toString()).contains("--backend sqlite is not supported");

        assertThat(run("ingest", "--path", "/nonexistent", "--backend", "json")).isEqualTo(2);
        assertThat(errors.toString()).contains("--backend json is not supported");
    }

    @Test
    void aMissingDatabaseSaysToRunBackendInit() {
        SQLException missing = new SQLException("FATAL: database \"team_a\" does not exist", "3D000");

        assertThat(Errors.describe(new IllegalStateException("pool failed", missing)))
                .startsWith("FATAL: database \"team_a\" does not exist")
                .contains("run `hybridrag backend init` first");
        assertThat(Errors.describe(new IllegalStateException("something else"))).isEqualTo("something else");
    }
}
