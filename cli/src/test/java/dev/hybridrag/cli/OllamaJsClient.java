package dev.hybridrag.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The `ollama` client from the npm registry, installed under a test folder and run by Node against an API. */
final class OllamaJsClient {

    private OllamaJsClient() {}

    /** Installs the client (npm, from the registry) beside the check script; the folder to run it in. */
    static Path install(Path folder) throws Exception {
        Files.createDirectories(folder);
        for (String file : List.of("check.mjs", "package.json")) {
            try (InputStream in = OllamaJsClient.class.getResourceAsStream("/ollama-js/" + file)) {
                Files.copy(in, folder.resolve(file));
            }
        }
        run(folder, List.of("npm", "install", "--no-audit", "--no-fund", "--silent"));
        return folder;
    }

    static String run(Path folder, String host) throws Exception {
        return run(folder, List.of("node", "check.mjs", host));
    }

    private static String run(Path folder, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out.strip();
    }
}
