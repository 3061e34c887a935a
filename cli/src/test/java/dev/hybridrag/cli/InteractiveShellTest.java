package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shell fed scripted lines, against a fake query-service on loopback. */
class InteractiveShellTest {

    @RegisterExtension
    final FakeQueryService service = new FakeQueryService();

    private final StringWriter output = new StringWriter();
    private final StringWriter errors = new StringWriter();

    private void run(String mode, String script) throws IOException {
        try (QueryClient client = new QueryClient(service.url());
                PlainLineSource lines =
                        new PlainLineSource(new BufferedReader(new StringReader(script)), new PrintWriter(output))) {
            new InteractiveShell(
                            client,
                            "default",
                            mode,
                            OptionalInt.empty(),
                            new PrintWriter(output, true),
                            new PrintWriter(errors, true))
                    .run(lines);
        }
    }

    @Test
    void modeCommandsChangeTheModeSent() throws IOException {
        run("mix", "first\n:naive\nsecond\n:local\nthird\n:hybrid\n:global\n:bypass\n:mix\nfourth\n");

        assertThat(service.queries())
                .extracting(body -> body.path("mode").asText())
                .containsExactly("mix", "naive", "local", "mix");
        assertThat(output.toString())
                .contains("hybridrag[default|mix]> first", "mode naive", "hybridrag[default|naive]> second");
    }

    @Test
    void unsupportedModeIsOneErrorLineAndTheShellGoesOn() throws IOException {
        run("mix", "port conflict\n:naive\nport conflict\n");

        assertThat(errors.toString())
                .isEqualTo("error: mode 'mix' is not supported; use one of [naive] (HTTP 400, field mode)"
                        + System.lineSeparator());
        assertThat(output.toString()).contains("the answer to: port conflict", "[1] notes/ports.md (score 0.750)");
        assertThat(service.queries()).hasSize(2);
    }

    @Test
    void contextTogglesOnlyNeedContextAndPrintsTheContext() throws IOException {
        run("naive", "one\n:context\ntwo\n:context\nthree\n");

        assertThat(service.queries())
                .extracting(body -> body.path("only_need_context").asBoolean())
                .containsExactly(false, true, false);
        assertThat(output.toString())
                .contains(
                        "hybridrag[default|naive|context]> two",
                        "[1] notes/ports.md (chunk-1, score 0.750)",
                        "a chunk about ports",
                        "Entities (1):",
                        "  EADDRINUSE (identifier, score 0.500): port already in use",
                        "Low level keywords: EADDRINUSE");
    }

    @Test
    void backslashJoinsLinesIntoOneQuestion() throws IOException {
        run("naive", "why does the port\\\nconflict happen\\\n  on restart\nnext\n");

        assertThat(service.queries())
                .extracting(body -> body.path("query").asText())
                .containsExactly("why does the port\nconflict happen\n  on restart", "next");
        assertThat(output.toString()).contains("...> conflict happen\\");
    }

    @Test
    void quitEndsTheShellAndIgnoresWhatFollows() throws IOException {
        run("naive", "one\n:quit\ntwo\n");
        assertThat(service.queries()).hasSize(1);

        service.queries().clear();
        run("naive", "one\n:EXIT\ntwo\n");
        assertThat(service.queries()).hasSize(1);
    }

    @Test
    void unknownCommandsAndBlankLinesSendNothing() throws IOException {
        run("naive", ":frobnicate\n\n   \n:help\n");

        assertThat(service.queries()).isEmpty();
        assertThat(output.toString()).contains("unknown command :frobnicate; :help lists the commands", ":context");
    }

    @Test
    void statsAsksForTheTenantsStatusOnce() throws IOException {
        run("naive", ":stats\n");

        assertThat(service.statusCalls()).isEqualTo(1);
        assertThat(output.toString())
                .contains(
                        "tenant default: 2500 document(s)",
                        "processed   2250",
                        "failed      250",
                        "chunks      6750",
                        "entities    1200",
                        "relations   3400")
                .doesNotContain("pending");
    }

    @Test
    void queryServiceDownIsOneErrorLine() throws IOException {
        String url = service.url();
        service.stop();
        try (QueryClient client = new QueryClient(url)) {
            new InteractiveShell(
                            client,
                            "default",
                            "naive",
                            OptionalInt.of(5),
                            new PrintWriter(output, true),
                            new PrintWriter(errors, true))
                    .run(new PlainLineSource(
                            new BufferedReader(new StringReader("one\n:stats\n")), new PrintWriter(output)));
        }

        assertThat(errors.toString().lines())
                .containsExactly(
                        "error: query-service is not reachable at " + url + "; is the stack up? (./hybridrag up)",
                        "error: query-service is not reachable at " + url + "; is the stack up? (./hybridrag up)");
    }

    @Test
    void topKIsSentOnlyWhenGiven() throws IOException {
        run("naive", "one\n");
        JsonNode body = service.queries().getFirst();
        assertThat(body.has("top_k")).isFalse();
        assertThat(body.path("query").asText()).isEqualTo("one");
    }
}
