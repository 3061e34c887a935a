package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.lifecycle.Service;
import dev.hybridrag.extractor.ExtractorService;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.query.QueryService;
import dev.hybridrag.query.QuerySettings;
import dev.hybridrag.watcher.WatcherService;
import dev.hybridrag.watcher.WatcherSettings;

/**
 * The services one jar runs, and how each is made from an {@link Infrastructure} and its settings. Lower-case names:
 * they are what {@code hybridrag run} takes.
 */
public enum ServiceKind {
    watcher(3),
    extractor(1),
    indexer(0),
    query(2);

    /**
     * Where the service starts among others: those that receive first (the indexer before the extractor that feeds
     * it, the watcher last), so nothing is published before its reader runs; they stop in the reverse order.
     */
    final int startRank;

    ServiceKind(int startRank) {
        this.startRank = startRank;
    }

    /** A new, not yet started, instance of this service. */
    public Service create(Infrastructure infra) {
        Environment env = infra.environment();
        return switch (this) {
            case watcher -> new WatcherService(infra, WatcherSettings.from(env));
            case extractor -> new ExtractorService(infra);
            case indexer -> new IndexerService(infra);
            case query -> new QueryService(infra, QuerySettings.from(env).address());
        };
    }
}
