package dev.hybridrag.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code hybridrag} command in a JVM of its own, with exactly the given environment (commands read their
 * settings from it), as an operator would; no terminal, so commands that ask for confirmation need {@code --yes}.
 */
final class CliProcess {

    record Result(int exitCode, String output) {}

    private final Map<String, String> environment;

    CliProcess(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("hybridrag " + String.join(" ", arguments) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
