package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.watcher.FileResubmitter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Operator commands on a tenant's documents. */
@Command(
        name = "documents",
        description = "List, retry or delete a tenant's documents.",
        subcommands = {DocumentsCommand.ListDocuments.class, DocumentsCommand.Retry.class, DocumentsCommand.Delete.class
        })
final class DocumentsCommand {

    /** A documents subcommand on the tenant {@code --tenant} names ({@code default} unless given). */
    abstract static class OnTenant extends InfraCommand {
        @Option(names = "--tenant", defaultValue = "default")
        String tenant;

        TenantConfig tenant(Infrastructure infra) {
            return infra.tenants().require(tenant);
        }
    }

    @Command(name = "list", description = "Documents of a tenant with status, chunks and error.")
    static final class ListDocuments extends OnTenant {
        @Option(names = "--status", description = "pending, processing, processed, failed or refused")
        String status;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
            TenantConfig config = tenant(infra);
            Optional<DocumentStatus> wanted = Optional.ofNullable(status).map(DocumentStatus::fromLabel);
            for (DocumentSummary doc :
                    new DocumentRepository().list(infra.dataSource(config), config.workspace(), wanted, 100_000, 0)) {
                out.printf(
                        "%-10s %5d  %s%s%n",
                        doc.status(),
                        doc.chunkCount(),
                        doc.path(),
                        doc.error().isEmpty() ? "" : "  (" + doc.error() + ")");
            }
            return 0;
        }
    }

    @Command(
            name = "retry",
            description = "Process documents again from their files; without paths, every failed document."
                    + " Chunks that succeeded before are not paid for again.")
    static final class Retry extends OnTenant {
        @Parameters(arity = "0..*", paramLabel = "PATH", description = "paths relative to the watch root")
        List<String> paths;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
            // The tenant and the documents are looked up before a Kafka producer is opened for them.
            TenantConfig config = tenant(infra);
            List<String> targets = paths != null && !paths.isEmpty()
                    ? paths
                    : new DocumentRepository()
                            .paths(infra.dataSource(config), config.workspace(), DocumentStatus.FAILED, 100_000);
            try (FileResubmitter resubmitter = new FileResubmitter(infra)) {
                for (String path : targets) {
                    out.printf(
                            "%-13s %s%n",
                            resubmitter.resubmit(config, path).name().toLowerCase(), path);
                }
                out.printf("%d document(s) resubmitted for tenant %s%n", targets.size(), config.id());
            }
            return 0;
        }
    }

    @Command(
            name = "delete",
            description =
                    "Remove documents from the index, with their chunks and facts; entities only they supported"
                            + " disappear. A file still in a watched folder comes back when it changes or the watcher restarts.")
    static final class Delete extends OnTenant {
        @Parameters(arity = "1..*", paramLabel = "PATH", description = "paths relative to the watch root")
        List<String> paths;

        @Override
        int run(Infrastructure infra, PrintWriter out) throws Exception {
            try (DocumentIntake intake = new DocumentIntake(infra, "hybridrag-cli")) {
                TenantConfig config = tenant(infra);
                for (String path : paths) {
                    intake.delete(config, path);
                    out.printf("deleting %s%n", path);
                }
            }
            return 0;
        }
    }
}
