package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.kafka.FileEventPublisher;
import dev.hybridrag.core.message.FileEvent;
import dev.hybridrag.core.message.FileOperation;
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

    private final Infrastructure infra;
    private final FileEventPublisher publisher;
    private final long maxBytes;
    private final VersionClock versions;

    public FileResubmitter(Infrastructure infra) {
        this.infra = infra;
        this.publisher = new FileEventPublisher(infra.kafka().producer("hybridrag-cli"));
        this.maxBytes = Long.parseLong(infra.environment().get(Settings.MAX_FILE_BYTES));
        this.versions = new VersionClock(infra.clock());
    }

    public Outcome resubmit(TenantConfig tenant, String relativePath) throws IOException, InterruptedException {
        long version = versions.next(infra.dataSource(tenant), tenant.workspace(), relativePath);
        for (WatchRoot root : tenant.watch()) {
            Path file = root.root().resolve(relativePath).normalize();
            if (!file.startsWith(root.root()) || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                WatchedFile read = WatchedFile.read(root.root(), file, maxBytes);
                publisher.publish(new FileEvent(
                        tenant.id().value(),
                        read.relativePath(),
                        FileOperation.MODIFIED,
                        read.hash(),
                        read.size(),
                        read.mtime(),
                        version,
                        read.content()));
                return Outcome.RESUBMITTED;
            } catch (WatchedFile.RefusedFileException e) {
                return Outcome.REFUSED;
            }
        }
        // The file is gone from every root: make the index say so too.
        publisher.publish(new FileEvent(
                tenant.id().value(),
                relativePath,
                FileOperation.DELETED,
                "",
                0,
                infra.clock().instant(),
                version,
                ""));
        return Outcome.GONE_DELETED;
    }

    @Override
    public void close() {
        publisher.close();
    }
}
