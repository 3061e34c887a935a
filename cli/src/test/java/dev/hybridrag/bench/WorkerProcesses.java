package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Services of the real jar ({@code java -jar hybridrag.jar run SERVICE}), each an OS process of its own under a
 * replica name (its log is {@code log/NAME.log}), that can be killed with SIGKILL and started again.
 */
final class WorkerProcesses implements AutoCloseable {

    private final Path jar;
    private final Path logs;
    private final Path commandLogConfig;
    private final Map<String, String> environment;
    private final Map<String, String> services = new LinkedHashMap<>();
    private final Map<String, Process> running = new LinkedHashMap<>();

    /**
     * @param commandLogConfig logback configuration of one-shot commands (scripts/logback-cli.xml: logs to stderr)
     * @param environment the services' settings; the caller's own hybridrag variables are not passed on
     */
    WorkerProcesses(Path jar, Path logs, Path commandLogConfig, Map<String, String> environment) {
        this.jar = jar;
        this.logs = logs;
        this.commandLogConfig = commandLogConfig;
        this.environment = Map.copyOf(environment);
    }

    /** Starts {@code service} as replica {@code name} (e.g. extractor-2). */
    synchronized void start(String name, String service) throws IOException {
        services.put(name, service);
        running.put(name, launch(List.of(), List.of("run", service), logs.resolve(name + ".log")));
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is committed or closed. */
    synchronized void kill(String name) throws InterruptedException {
        Process process = running.remove(name);
        process.destroyForcibly();
        process.waitFor();
    }

    /** The operating system's id of the replica's process. */
    synchronized long pid(String name) {
        return running.get(name).pid();
    }

    synchronized void restart(String name) throws IOException {
        running.put(name, launch(List.of(), List.of("run", services.get(name)), logs.resolve(name + ".log")));
    }

    /** Replicas whose process has exited by itself (none should). */
    synchronized List<String> exited() {
        return running.entrySet().stream()
                .filter(entry -> !entry.getValue().isAlive())
                .map(Map.Entry::getKey)
                .toList();
    }

    synchronized List<String> names() {
        return List.copyOf(running.keySet());
    }

    /** Stops a replica as an operator would (SIGTERM, waiting for a clean shutdown). */
    synchronized void stop(String name) throws InterruptedException {
        Process process = running.remove(name);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Runs a command of the jar to its end (e.g. {@code tenant diff}); returns its exit code and output. */
    CommandResult command(List<String> arguments) throws IOException, InterruptedException {
        Path output = Files.createTempFile(logs, "command", ".out");
        Process process =
                launch(List.of("-Dlogback.configurationFile=" + commandLogConfig.toAbsolutePath()), arguments, output);
        int exit = process.waitFor(10, TimeUnit.MINUTES) ? process.exitValue() : -1;
        String text = Files.readString(output);
        Files.delete(output);
        return new CommandResult(exit, text);
    }

    record CommandResult(int exitCode, String output) {}

    private Process launch(List<String> jvmOptions, List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(WorkerProcesses::hybridragVariable);
        builder.environment().putAll(environment);
        return builder.start();
    }

    // What the developer's shell configures must not leak into the benchmark's services.
    private static boolean hybridragVariable(String name) {
        return List.of("HYBRIDRAG_", "POSTGRES_", "KAFKA_", "OPENAI_", "AZURE_", "LLM_", "EMBEDDING_", "LIGHTRAG_")
                .stream()
                .anyMatch(name::startsWith);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (Process process : running.values()) {
            process.destroy();
        }
        for (Process process : running.values()) {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        running.clear();
    }
}
