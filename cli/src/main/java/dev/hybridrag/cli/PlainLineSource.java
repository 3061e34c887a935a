package dev.hybridrag.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Entries from a pipe or a file: one line each, joined over trailing backslashes. Each entry is echoed after its
 * prompt, so the output reads as a transcript; no prompt waits for input and no terminal codes are written.
 */
final class PlainLineSource implements LineSource {

    private final BufferedReader input;
    private final PrintWriter transcript;

    PlainLineSource(BufferedReader input, PrintWriter transcript) {
        this.input = input;
        this.transcript = transcript;
    }

    @Override
    public Optional<String> read(String prompt, String continuationPrompt) throws IOException {
        String line = input.readLine();
        if (line == null) {
            return Optional.empty();
        }
        StringBuilder entry = new StringBuilder();
        String shown = prompt;
        while (true) {
            transcript.println(shown + line);
            if (!Continuation.continues(line)) {
                entry.append(line);
                break;
            }
            entry.append(Continuation.strip(line)).append('\n');
            line = input.readLine();
            if (line == null) {
                break;
            }
            shown = continuationPrompt;
        }
        transcript.flush();
        return Optional.of(entry.toString());
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
