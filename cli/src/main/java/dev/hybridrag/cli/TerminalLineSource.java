package dev.hybridrag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Optional;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * Entries typed on a terminal, through JLine's line editor: arrow keys and Emacs keys edit, Up and Down and Ctrl-R
 * walk the history, which is kept in a file across sessions. A multi-line entry (backslash-continued or pasted) is one
 * history entry.
 */
final class TerminalLineSource implements LineSource {

    private final LineReader reader;

    TerminalLineSource(Terminal terminal, Path historyFile, Collection<String> commands) {
        createPrivately(historyFile);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("hybridrag")
                .parser(new ContinuationParser())
                .completer(new StringsCompleter(commands))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                // Continuation lines are indented to line up under the first line's text.
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> ")
                // Questions are text, not shell commands: "!" and "\" mean nothing special.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    @Override
    public Optional<String> read(String prompt, String continuationPrompt) {
        try {
            return Optional.of(Continuation.join(reader.readLine(prompt)));
        } catch (UserInterruptException e) {
            return Optional.of("");
        } catch (EndOfFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        reader.getHistory().save();
    }

    /** Questions can be confidential: like bash, keep the history readable by its owner only. */
    private static void createPrivately(Path file) {
        try {
            if (Files.notExists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not fatal: JLine creates the file with default permissions when it first saves.
        }
    }

    /** Asks the line editor for one more line while the entry ends with a backslash; accepts anything else. */
    private static final class ContinuationParser extends DefaultParser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && Continuation.continues(line)) {
                throw new EOFError(-1, cursor, "line continues", "continuation");
            }
            return super.parse(line, cursor, context);
        }
    }
}
