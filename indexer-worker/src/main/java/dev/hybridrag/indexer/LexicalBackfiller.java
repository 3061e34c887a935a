package dev.hybridrag.indexer;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.LexicalBackfill;
import dev.hybridrag.core.tenant.TenantConfig;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the rows of every tenant written before full-text search existed their full-text column, in the
 * background after an upgrade (migration V9). Every indexer process does it; two filling one tenant at once only
 * share the work. A tenant found complete is not looked at again by this process: new rows are filled as they are
 * written.
 */
final class LexicalBackfiller extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(LexicalBackfiller.class);
    private static final int BATCH = 500;

    private final Infrastructure infra;
    private final LexicalBackfill backfill = new LexicalBackfill();
    private final Set<String> complete = ConcurrentHashMap.newKeySet();

    LexicalBackfiller(Infrastructure infra) {
        super("lexical-backfill", Duration.ofSeconds(30), Duration.ofSeconds(30));
        this.infra = infra;
    }

    @Override
    protected boolean round() {
        boolean worked = false;
        for (TenantConfig tenant : infra.tenants().all()) {
            String id = tenant.id().value();
            if (stopping() || complete.contains(id)) {
                continue;
            }
            try {
                int filled = backfill.fill(infra.dataSource(tenant), tenant.workspace(), BATCH);
                if (filled == 0 && backfill.complete(infra.dataSource(tenant), tenant.workspace())) {
                    complete.add(id);
                } else if (filled > 0) {
                    log.info("tenant {}: full-text column filled for {} more rows", id, filled);
                    worked = true;
                }
            } catch (Exception e) {
                // Nothing is lost: the rows stay unfilled and the next round tries again.
                log.warn("tenant {}: full-text backfill failed, retrying later: {}", id, e.toString());
            }
        }
        return worked;
    }
}
