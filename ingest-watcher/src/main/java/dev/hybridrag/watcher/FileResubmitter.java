package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.ApiDocuments;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.WatchRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Publishes a document again from the file in its tenant's watch root, as a change, so the pipeline processes it
 * once more (after a failure, or on request). Chunks that succeeded before come from the LLM cache at no cost.
 */
public final class FileResubmitter implements AutoCloseable {

    /** What happened to one path. */
    public enum Outcome {
        RESUBMITTED,
        GONE_DELETED,
        REFUSED,
        /** Added over the API or by an MCP tool: there is no file to read again; add its text again instead. */
        NO_FILE,
        /** Not under any watch root (a file {@code ingest} took from elsewhere): ingest it again instead. */
        NOT_WATCHED,
        /** None of the tenant's watch roots can be read from this process, so it cannot tell a gone file. */
        ROOTS_UNREADABLE
    }

    private final DocumentIntake intake;
    private final boolean ownsIntake;
    private final long maxBytes;

    public FileResubmitter(Infrastructure infra) {
        this(new DocumentIntake(infra, "hybridrag-cli"), true, infra);
    }

    /** Resubmits through an intake the caller keeps (and closes). */
    public FileResubmitter(DocumentIntake intake, Infrastructure infra) {
        this(intake, false, infra);
    }

    private FileResubmitter(DocumentIntake intake, boolean ownsIntake, Infrastructure infra) {
        this.intake = intake;
        this.ownsIntake = ownsIntake;
        this.maxBytes = WatcherSettings.from(infra.environment()).maxFileBytes();
    }

    public Outcome resubmit(TenantConfig tenant, String relativePath) throws IOException, InterruptedException {
        if (ApiDocuments.isApiDocument(relativePath)) {
            return Outcome.NO_FILE;
        }
        boolean anyRootReadable = false;
        boolean underARoot = false;
        for (WatchRoot root : tenant.watch()) {
            anyRootReadable |= Files.isDirectory(root.root()) && Files.isReadable(root.root());
            Path file = root.root().resolve(relativePath).normalize();
            if (!file.startsWith(root.root())) {
                continue;
            }
            underARoot = true;
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                intake.put(tenant, WatchedFile.read(root.root(), file, maxBytes).text());
                return Outcome.RESUBMITTED;
            } catch (WatchedFile.RefusedFileException e) {
                return Outcome.REFUSED;
            }
        }
        if (!underARoot) {
            // Deleting it here would drop a document its own folder still holds.
            return Outcome.NOT_WATCHED;
        }
        if (!anyRootReadable) {
            // A process that cannot see the folders (another machine, a container without the mount) must not take
            // every document for deleted.
            return Outcome.ROOTS_UNREADABLE;
        }
        // The file is gone from every root: make the index say so too.
        intake.delete(tenant, relativePath);
        return Outcome.GONE_DELETED;
    }

    @Override
    public void close() {
        if (ownsIntake) {
            intake.close();
        }
    }
}
