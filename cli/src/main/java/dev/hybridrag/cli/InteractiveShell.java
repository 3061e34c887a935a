package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The loop of {@code hybridrag interactive}: each entry is a question for query-service, or a {@code :command} that
 * changes the session (mode, context only) or reports on it. A failed request is one line on the error stream; the
 * loop goes on until {@code :quit} or the end of input.
 */
final class InteractiveShell {

    static final List<String> MODES = List.of("local", "global", "hybrid", "naive", "mix", "bypass");
    static final List<String> COMMANDS = List.of(
            ":local",
            ":global",
            ":hybrid",
            ":naive",
            ":mix",
            ":bypass",
            ":context",
            ":stats",
            ":help",
            ":quit",
            ":exit");

    private final QueryClient client;
    private final String tenant;
    private final OptionalInt topK;
    private final PrintWriter out;
    private final PrintWriter err;
    private String mode;
    private boolean contextOnly;

    InteractiveShell(
            QueryClient client, String tenant, String mode, OptionalInt topK, PrintWriter out, PrintWriter err) {
        this.client = client;
        this.tenant = tenant;
        this.mode = mode;
        this.topK = topK;
        this.out = out;
        this.err = err;
    }

    /** Reads and answers entries until {@code :quit} or the end of input. */
    void run(LineSource input) throws IOException {
        while (true) {
            Thread.interrupted(); // a Ctrl-C that came after the last request must not cancel the next one
            Optional<String> entry = input.read(prompt(), "...> ");
            if (entry.isEmpty()) {
                return;
            }
            String text = entry.get().strip();
            if (text.startsWith(":")) {
                if (!command(text.toLowerCase(Locale.ROOT))) {
                    return;
                }
            } else if (!text.isEmpty()) {
                ask(text);
            }
            out.flush();
            err.flush();
        }
    }

    String prompt() {
        return "hybridrag[" + tenant + "|" + mode + (contextOnly ? "|context" : "") + "]> ";
    }

    /** Runs a {@code :command}; false when the shell should end. */
    private boolean command(String command) {
        String name = command.substring(1);
        if (MODES.contains(name)) {
            mode = name;
            out.println("mode " + mode);
            return true;
        }
        switch (command) {
            case ":quit", ":exit" -> {
                return false;
            }
            case ":context" -> {
                contextOnly = !contextOnly;
                out.println(
                        contextOnly
                                ? "context only: on (prints the retrieved context instead of an answer)"
                                : "context only: off (prints answers)");
            }
            case ":stats" -> stats();
            case ":help" -> help();
            default -> out.println("unknown command " + command + "; :help lists the commands");
        }
        return true;
    }

    private void ask(String question) {
        try {
            JsonNode answer = client.query(tenant, new Question(question, mode, topK, contextOnly));
            AnswerPrinter.print(out, answer, contextOnly);
        } catch (QueryServiceException e) {
            err.println("error: " + e.describe());
        } catch (InterruptedException e) {
            err.println("interrupted");
        }
    }

    private void stats() {
        try {
            DocumentStats.fetch(client, tenant).print(out, tenant);
        } catch (QueryServiceException e) {
            err.println("error: " + e.describe());
        } catch (InterruptedException e) {
            err.println("interrupted");
        }
    }

    private void help() {
        out.println("""
                Type a question and press Enter; it is sent to query-service in the current mode.
                  :local :global :hybrid :naive :mix :bypass   switch the retrieval mode
                  :context   toggle context only: print the retrieved context instead of an answer
                  :stats     documents of this tenant by status, chunks, entities, relations
                  :help      this help
                  :quit      leave (also :exit, or Ctrl-D)
                End a line with \\ to go on on the next line. Up/Down and Ctrl-R search the history.""");
    }
}
