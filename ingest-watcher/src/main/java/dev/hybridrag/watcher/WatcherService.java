package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.WatchRoot;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** ingest-watcher: scans and watches every configured tenant's folders and publishes file events. */
public final class WatcherService implements AutoCloseable {

    private final Infrastructure infra;
    private final WatcherSettings settings;

    private final List<TenantFolder> folders = new CopyOnWriteArrayList<>();
    private FolderWatch watch;
    private final DocumentRepository documents = new DocumentRepository();
    private DocumentIntake intake;

    public WatcherService(Infrastructure infra, WatcherSettings settings) {
        this.infra = infra;
        this.settings = settings;
    }

    /** A watcher with the environment's settings and this debounce window. */
    public WatcherService(Infrastructure infra, Duration debounce) {
        this(infra, WatcherSettings.from(infra.environment()).withDebounce(debounce));
    }

    public void start() throws IOException, SQLException {
        infra.ensureTopics();
        intake = new DocumentIntake(infra, "ingest-watcher");
        watch = new FolderWatch();
        for (TenantConfig tenant : infra.tenants().all()) {
            watchTenant(tenant);
        }
        infra.tenants().onAdded(tenant -> {
            try {
                watchTenant(tenant); // a tenant added to the tenants file while running
            } catch (IOException | SQLException e) {
                throw new IllegalStateException(
                        "cannot watch the folders of " + tenant.id() + ": " + e.getMessage(), e);
            }
        });
    }

    private void watchTenant(TenantConfig tenant) throws IOException, SQLException {
        // What the database holds is the baseline: only differences are published at start.
        Map<String, String> stored = documents.currentHashes(infra.dataSource(tenant), tenant.workspace());
        List<TenantFolder> tenantFolders = new ArrayList<>();
        for (WatchRoot root : tenant.watch()) {
            tenantFolders.add(new TenantFolder(
                    tenant,
                    root,
                    intake,
                    // asked only about paths the asking root does not hold
                    path -> tenantFolders.stream().anyMatch(folder -> folder.holds(path)),
                    stored,
                    settings));
        }
        for (TenantFolder folder : tenantFolders) {
            folders.add(folder);
            folder.start(watch);
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        folders.forEach(TenantFolder::close);
        if (intake != null) {
            intake.close();
        }
    }
}
