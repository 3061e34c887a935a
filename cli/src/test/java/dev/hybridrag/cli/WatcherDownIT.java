package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.bench.EditorSimulation;
import dev.hybridrag.bench.FolderMatch;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.watcher.WatcherService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6's watcher-down test: files changed, saved over, added, renamed and deleted while the watcher is stopped are
 * all found by its start-up reconciliation, and the database ends as the folder.
 */
class WatcherDownIT {

    @RegisterExtension
    final RunningPipeline pipeline = EditorSimulationIT.specStoryPipeline("down");

    @Test
    void changesMadeWhileTheWatcherWasDownAreAllApplied() throws Exception {
        Infrastructure infra = pipeline.infra();
        TenantConfig tenant = pipeline.tenant("down");
        Path root = pipeline.root();
        EditorSimulation editors = new EditorSimulation(root, 10);
        List<Path> chats = editors.create();
        editors.append(chats, Duration.ofMillis(50), Duration.ofMillis(500));
        awaitMatch(infra, tenant);

        pipeline.services().close(WatcherService.class);
        Path history = chats.getFirst().getParent();
        Files.writeString(chats.get(0), "\nAn appended line.\n", StandardOpenOption.APPEND);
        Files.writeString(chats.get(1), "# Rewritten\n\nNothing of the old chat is left.\n");
        EditorSimulation.saveAtomically(chats.get(2), "# Saved over\n\nA new version, saved atomically.\n");
        Files.delete(chats.get(3));
        Files.delete(chats.get(4));
        Files.move(chats.get(5), history.resolve("renamed.md"), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(history.resolve("new-1.md"), "# New\n\n_**User**_\n\nA chat started offline.\n");
        Files.createDirectories(root.resolve("project/.specstory/history"));
        Files.writeString(
                root.resolve("project/.specstory/history/nested.md"), "# Nested\n\nA chat of another project.\n");
        assertThat(differences(infra, tenant))
                .as("nothing is applied while the watcher is down")
                .isNotEmpty();

        pipeline.services().add(infra, List.of(ServiceKind.watcher));
        awaitMatch(infra, tenant);
    }

    private static void awaitMatch(Infrastructure infra, TenantConfig tenant) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(differences(infra, tenant)).isEmpty());
    }

    private static List<String> differences(Infrastructure infra, TenantConfig tenant) throws Exception {
        return FolderMatch.differences(
                infra.dataSource(tenant),
                tenant,
                tenant.watch().getFirst().root(),
                infra.models().chunker(tenant));
    }
}
