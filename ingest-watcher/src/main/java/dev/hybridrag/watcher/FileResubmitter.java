package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
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
        REFUSED
    }

    private final DocumentIntake intake;
    private final long maxBytes;

    public FileResubmitter(Infrastructure infra) {
        this.intake = new DocumentIntake(infra, "hybridrag-cli");
        this.maxBytes = WatcherSettings.from(infra.environment()).maxFileBytes();
    }

    public Outcome resubmit(TenantConfig tenant, String relativePath) throws IOException, InterruptedException {
        for (WatchRoot root : tenant.watch()) {
            Path file = root.root().resolve(relativePath).normalize();
            if (!file.startsWith(root.root()) || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                intake.put(tenant, WatchedFile.read(root.root(), file, maxBytes).text());
                return Outcome.RESUBMITTED;
            } catch (WatchedFile.RefusedFileException e) {
                return Outcome.REFUSED;
            }
        }
        // The file is gone from every root: make the index say so too.
        intake.delete(tenant, relativePath);
        return Outcome.GONE_DELETED;
    }

    @Override
    public void close() {
        intake.close();
    }
}
