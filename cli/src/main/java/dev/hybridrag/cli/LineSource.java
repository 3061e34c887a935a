package dev.hybridrag.cli;

import java.io.IOException;
import java.util.Optional;

/** Where the shell's entries come from: a line editor on a terminal, or lines piped in. */
interface LineSource extends AutoCloseable {

    /**
     * The next entry, with lines continued by a trailing backslash already joined ({@link Continuation}); an empty
     * string when the user cancelled the line; empty at the end of input.
     */
    Optional<String> read(String prompt, String continuationPrompt) throws IOException;

    @Override
    void close() throws IOException;
}
