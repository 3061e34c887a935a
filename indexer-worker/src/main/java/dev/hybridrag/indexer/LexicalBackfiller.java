package dev.hybridrag.indexer;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.LexicalBackfill;
import dev.hybridrag.core.tenant.TenantConfig;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the rows of every tenant written before full-text search existed their full-text column, in the
 * background after an upgrade (migration V10), on a thread of its own. Every indexer process does it; two filling
 * one tenant at once only share the work (rows another holds are skipped). A tenant found complete is not looked at
 * again by this process: new rows are filled by the tables' triggers as they are written.
 */
final class LexicalBackfiller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LexicalBackfiller.class);
    private static final int BATCH = 500;
    private static final Duration REST = Duration.ofSeconds(30);

    private final Infrastructure infra;
    private final LexicalBackfill backfill = new LexicalBackfill();
    private final Set<String> complete = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private Thread thread;

    LexicalBackfiller(Infrastructure infra) {
        this.infra = infra;
    }

    void start() {
        thread = Thread.ofPlatform().name("lexical-backfill").daemon().start(this::execute);
    }

    private void execute() {
        try {
            while (!stopping && complete.size() < infra.tenants().all().size()) {
                if (!round()) {
                    Thread.sleep(REST);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** One batch for each tenant not complete yet; returns whether any row was filled. */
    private boolean round() {
        boolean worked = false;
        for (TenantConfig tenant : infra.tenants().all()) {
            String id = tenant.id().value();
            if (stopping || complete.contains(id)) {
                continue;
            }
            try {
                int filled = backfill.fill(infra.dataSource(tenant), tenant.workspace(), BATCH);
                if (filled > 0) {
                    log.info("tenant {}: full-text column filled for {} more rows", id, filled);
                    worked = true;
                } else if (backfill.complete(infra.dataSource(tenant), tenant.workspace())) {
                    complete.add(id);
                }
            } catch (Exception e) {
                // Nothing is lost: the rows stay unfilled and a later round tries again.
                log.warn("tenant {}: full-text backfill failed, retrying later: {}", id, e.toString());
            }
        }
        return worked;
    }

    @Override
    public void close() {
        stopping = true;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                log.warn("lexical-backfill did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
