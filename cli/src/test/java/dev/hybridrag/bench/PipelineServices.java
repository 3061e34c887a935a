package dev.hybridrag.bench;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.extractor.ExtractorService;
import dev.hybridrag.indexer.IndexerService;
import dev.hybridrag.watcher.WatcherService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Extractor and indexer in this JVM, and a watcher that can be stopped and started again on its own. */
public final class PipelineServices implements AutoCloseable {

    private final Infrastructure infra;
    private final List<AutoCloseable> workers = new ArrayList<>();
    private WatcherService watcher;

    public PipelineServices(Infrastructure infra) {
        this.infra = infra;
        IndexerService indexer = new IndexerService(infra);
        indexer.start();
        workers.add(indexer);
        ExtractorService extractor = new ExtractorService(infra);
        extractor.start();
        workers.add(extractor);
    }

    public void startWatcher(Duration debounce) throws Exception {
        if (watcher != null) {
            throw new IllegalStateException("the watcher runs already");
        }
        watcher = new WatcherService(infra, debounce);
        watcher.start();
    }

    public void stopWatcher() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    @Override
    public void close() throws Exception {
        stopWatcher();
        for (AutoCloseable worker : workers.reversed()) {
            worker.close();
        }
    }
}
