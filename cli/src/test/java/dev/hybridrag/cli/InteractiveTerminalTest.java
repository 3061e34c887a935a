package dev.hybridrag.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shell behind JLine's line editor, with keys typed into an ANSI terminal made of streams. */
class InteractiveTerminalTest {

    private static final String UP = "\033[A";
    private static final String LEFT = "\033[D";

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeQueryService service = new FakeQueryService();

    private String type(String keys, Path history) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal(
                        "test", "ansi", new ByteArrayInputStream(keys.getBytes(UTF_8)), screen, UTF_8);
                QueryClient client = new QueryClient(service.url());
                TerminalLineSource lines = new TerminalLineSource(terminal, history, InteractiveShell.COMMANDS)) {
            terminal.setSize(new Size(100, 30));
            PrintWriter out = terminal.writer();
            new InteractiveShell(client, "default", "naive", OptionalInt.empty(), out, out).run(lines);
        }
        return screen.toString(UTF_8);
    }

    private String lastQuery() {
        return service.queries().getLast().path("query").asText();
    }

    @Test
    void historyIsWrittenToTheFileAndRecalledInTheNextSession() throws IOException {
        Path history = dir.resolve("history");
        type("port conflict\n:context\nwhy EADDRINUSE\n", history);

        assertThat(Files.readString(history)).contains("port conflict", ":context", "why EADDRINUSE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .isEqualTo("rw-------");

        type(UP + UP + UP + "\n", history);
        assertThat(lastQuery()).isEqualTo("port conflict");
    }

    @Test
    void arrowsEditTheLine() throws IOException {
        type("port conflct" + LEFT + LEFT + "i\n", dir.resolve("history"));
        assertThat(lastQuery()).isEqualTo("port conflict");
    }

    @Test
    void backslashContinuesOnTheNextLineAsOneEntry() throws IOException {
        Path history = dir.resolve("history");
        String screen = type("why does the port \\\nconflict happen\n", history);

        assertThat(lastQuery()).isEqualTo("why does the port \nconflict happen");
        assertThat(screen).contains("...> ");

        type(UP + "\n", history);
        assertThat(lastQuery()).isEqualTo("why does the port \nconflict happen");
    }

    /** Terminals paste line ends as carriage returns, between bracketed-paste marks. */
    @Test
    void pastedLinesAreOneQuestion() throws IOException {
        type("\033[200~first pasted line\rsecond pasted line\033[201~\n", dir.resolve("history"));
        assertThat(service.queries()).hasSize(1);
        assertThat(lastQuery()).isEqualTo("first pasted line\nsecond pasted line");
    }

    @Test
    void errorsAndQuitEndCleanly() throws IOException {
        String screen = type(":mix\nport conflict\n:quit\nnever sent\n", dir.resolve("history"));

        assertThat(screen).contains("error: mode 'mix' is not supported; use one of [naive] (HTTP 400, field mode)");
        assertThat(service.queries()).hasSize(1);
    }
}
