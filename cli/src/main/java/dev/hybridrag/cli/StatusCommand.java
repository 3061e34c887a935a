package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Per tenant: documents by status and chunk count; and which services of the local stack are up. */
@Command(name = "status", description = "Documents by status and chunks per tenant, and which services run.")
final class StatusCommand implements Callable<Integer> {

    private static final List<String> SERVICES =
            List.of("postgres", "kafka", "watcher", "extractor", "indexer", "query");

    @Spec
    CommandSpec spec;

    @Option(names = "--run-dir", description = "where ./hybridrag up keeps pid files (default: ./var/run)")
    Path runDir = Path.of("var", "run");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        printServices(out);
        try (Infrastructure infra = Infrastructure.fromEnvironment(Environment.system())) {
            for (TenantConfig tenant : infra.tenants().all()) {
                out.printf(
                        "tenant %s (%s, %s)%n",
                        tenant.id(),
                        tenant.isolation().name().toLowerCase(),
                        tenant.postgres().poolKey());
                try {
                    TenantStatus status = TenantStatus.load(infra.dataSource(tenant), tenant.workspace());
                    status.documents().forEach((label, count) -> out.printf("  %-11s %d%n", label, count));
                    out.printf("  %-11s %d%n", "chunks", status.chunks());
                    out.printf("  %-11s %d%n", "entities", status.entities());
                    out.printf("  %-11s %d%n", "relations", status.relations());
                    if (status.settlingKeys() > 0) {
                        out.printf("  %-11s %d graph keys waiting to be rebuilt%n", "settling", status.settlingKeys());
                    }
                } catch (Exception e) {
                    out.printf("  database unreachable: %s%n", Errors.rootMessage(e));
                }
                out.flush();
            }
        }
        out.flush();
        return 0;
    }

    private void printServices(PrintWriter out) {
        out.println("services");
        for (String service : SERVICES) {
            printService(out, service);
            for (String replica : replicas(service)) {
                printService(out, replica);
            }
        }
    }

    private void printService(PrintWriter out, String name) {
        Optional<Long> pid = pid(runDir.resolve(name + ".pid"));
        boolean up = pid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
        out.printf("  %-11s %s%n", name, up ? "up (pid " + pid.get() + ")" : "down");
    }

    /** Further replicas of a service ({@code ./hybridrag up --extractors 2} writes extractor-2.pid), in order. */
    private List<String> replicas(String service) {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runDir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches(Pattern.quote(service) + "-\\d+\\.pid"))
                    .map(name -> name.substring(0, name.length() - ".pid".length()))
                    .sorted(Comparator.comparingInt(
                            (String name) -> Integer.parseInt(name.substring(service.length() + 1))))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Files.exists(file)
                    ? Optional.of(Long.parseLong(Files.readString(file).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
