package dev.hybridrag.cli;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.RedactedUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hybridrag interactive}: a shell that sends each question to query-service. On a terminal it edits lines and
 * keeps a history; with input piped in it reads lines and prints a plain transcript.
 */
@Command(
        name = "interactive",
        description = "An interactive shell: type questions; :naive, :mix, ... switch the mode, :help lists the"
                + " commands. See docs/interactive.md.")
final class InteractiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TenantOption tenant;

    @Mixin
    ModeOptions modes;

    @Mixin
    QueryServiceOption queryService;

    @Option(names = "--history-file", description = "where the history is kept (default: $HOME/.hybridrag_history)")
    Path historyFile = defaultHistoryFile();

    /** Input that replaces the terminal and standard input; for tests. */
    private final Optional<InputStream> scriptedInput;

    InteractiveCommand() {
        this.scriptedInput = Optional.empty();
    }

    InteractiveCommand(InputStream scriptedInput) {
        this.scriptedInput = Optional.of(scriptedInput);
    }

    @Override
    public Integer call() throws Exception {
        if (!InteractiveShell.MODES.contains(modes.mode)) {
            throw new ParameterException(
                    spec.commandLine(), "--mode must be one of " + String.join(", ", InteractiveShell.MODES));
        }
        OptionalInt k = modes.topK();
        String tenantId = tenant.id(Environment.system());
        try (QueryClient client = queryService.client()) {
            Optional<Terminal> terminal = scriptedInput.isPresent() ? Optional.empty() : systemTerminal();
            if (terminal.isPresent()) {
                runOnTerminal(client, tenantId, k, terminal.get());
            } else {
                runPiped(client, tenantId, k, scriptedInput.orElse(System.in));
            }
        }
        return 0;
    }

    private void runPiped(QueryClient client, String tenant, OptionalInt k, InputStream in) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        InteractiveShell shell = new InteractiveShell(
                client, tenant, modes.mode, k, out, spec.commandLine().getErr());
        try (LineSource lines =
                new PlainLineSource(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out)) {
            shell.run(lines);
        }
    }

    private void runOnTerminal(QueryClient client, String tenant, OptionalInt k, Terminal terminal) throws IOException {
        try (terminal) {
            PrintWriter out = terminal.writer();
            out.printf(
                    "hybridrag interactive: tenant %s, query-service %s%n"
                            + "Type a question; :help lists the commands, :quit or Ctrl-D leaves.%n",
                    tenant, RedactedUrl.of(client.baseUrl()));
            out.flush();
            // Ctrl-C while a question is out cancels that request, not the shell; at the prompt it clears the line.
            Thread shellThread = Thread.currentThread();
            terminal.handle(Terminal.Signal.INT, signal -> shellThread.interrupt());
            InteractiveShell shell = new InteractiveShell(client, tenant, modes.mode, k, out, out);
            try (LineSource lines = new TerminalLineSource(terminal, historyFile, InteractiveShell.COMMANDS)) {
                shell.run(lines);
            }
        }
    }

    /** The system terminal when standard input and output both are one; else empty (piped, redirected, a CI job). */
    private static Optional<Terminal> systemTerminal() throws IOException {
        Terminal terminal = TerminalBuilder.builder()
                .system(true)
                .systemOutput(TerminalBuilder.SystemOutput.SysOut)
                .dumb(true)
                .build();
        String type = terminal.getType();
        if (type.equals(Terminal.TYPE_DUMB) || type.startsWith(Terminal.TYPE_DUMB_COLOR)) {
            terminal.close();
            return Optional.empty();
        }
        return Optional.of(terminal);
    }

    private static Path defaultHistoryFile() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".hybridrag_history");
    }
}
