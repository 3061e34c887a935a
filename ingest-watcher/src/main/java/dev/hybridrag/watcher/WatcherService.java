package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.lifecycle.CompositeService;
import dev.hybridrag.core.lifecycle.Service;
import dev.hybridrag.core.lifecycle.ServiceGroup;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.WatchRoot;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ingest-watcher: scans and watches every configured tenant's folders and publishes file events. */
public final class WatcherService extends CompositeService {

    private final Infrastructure infra;
    private final WatcherSettings settings;

    private final DocumentRepository documents = new DocumentRepository();

    public WatcherService(Infrastructure infra, WatcherSettings settings) {
        super("watcher");
        this.infra = infra;
        this.settings = settings;
    }

    /** A watcher with the environment's settings and this debounce window. */
    public WatcherService(Infrastructure infra, Duration debounce) {
        this(infra, WatcherSettings.from(infra.environment()).withDebounce(debounce));
    }

    /** The intake first, so it closes last; then a part per watched folder. */
    @Override
    protected void assemble(ServiceGroup parts) throws SQLException {
        infra.ensureTopics();
        DocumentIntake intake = parts.hold("watcher-intake", new DocumentIntake(infra, "ingest-watcher"));
        // One inotify instance for every root; it closes first, before the folders and the intake.
        FolderWatch watch = new FolderWatch();
        for (TenantConfig tenant : infra.tenants().all()) {
            for (TenantFolder folder : folders(tenant, intake)) {
                parts.add(Service.of(folder.name(), () -> folder.start(watch), folder));
            }
        }
        // A tenant added to the tenants file while running (docs/tenants.md): its folders join the running group.
        infra.tenants().onAdded(tenant -> {
            try {
                for (TenantFolder folder : folders(tenant, intake)) {
                    parts.start(Service.of(folder.name(), () -> folder.start(watch), folder));
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot watch the folders of " + tenant.id() + ": " + e, e);
            }
        });
        parts.hold("watcher-inotify", watch);
    }

    private List<TenantFolder> folders(TenantConfig tenant, DocumentIntake intake) throws SQLException {
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
        return tenantFolders;
    }
}
