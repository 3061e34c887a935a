package dev.hybridrag.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hybridrag interactive} with a script piped in, as from a file or another program. */
class InteractiveCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeQueryService service = new FakeQueryService();

    private final StringWriter output = new StringWriter();
    private final StringWriter errors = new StringWriter();

    private int run(String script, String... options) {
        CommandLine command = new CommandLine(new InteractiveCommand(new ByteArrayInputStream(script.getBytes(UTF_8))))
                .setOut(new PrintWriter(output, true))
                .setErr(new PrintWriter(errors, true));
        String[] arguments = new String[options.length + 4];
        arguments[0] = "--url";
        arguments[1] = service.url();
        arguments[2] = "--history-file";
        arguments[3] = dir.resolve("history").toString();
        System.arraycopy(options, 0, arguments, 4, options.length);
        return command.execute(arguments);
    }

    @Test
    void endOfInputExitsWithZeroAndPrintsAPlainTranscript() {
        int exit = run("port conflict\n:naive\nport conflict\n:stats\n");

        assertThat(exit).isZero();
        assertThat(output.toString())
                .contains("hybridrag[default|mix]> port conflict", "the answer to: port conflict", "2500 document(s)")
                .doesNotContain("\u001b");
        assertThat(errors.toString()).contains("error: mode 'mix' is not supported");
        assertThat(service.queries()).hasSize(2);
    }

    @Test
    void quitExitsWithZero() {
        assertThat(run(":quit\nnever sent\n", "--mode", "naive")).isZero();
        assertThat(service.queries()).isEmpty();
    }

    @Test
    void startingModeAndTopKAreSent() {
        run("question\n", "--mode", "naive", "--top-k", "7", "--tenant", "default");

        assertThat(service.queries().getFirst().path("mode").asText()).isEqualTo("naive");
        assertThat(service.queries().getFirst().path("top_k").asInt()).isEqualTo(7);
    }

    @Test
    void anUnknownStartingModeIsAUsageError() {
        assertThat(run("question\n", "--mode", "vector")).isEqualTo(2);
        assertThat(errors.toString()).contains("--mode must be one of local, global, hybrid, naive, mix, bypass");
        assertThat(service.queries()).isEmpty();
    }
}
