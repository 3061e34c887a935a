package dev.hybridrag.bench;

import dev.hybridrag.cli.RunningServices;
import dev.hybridrag.cli.ServiceKind;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.GraphRepository;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.indexer.IndexerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The ingestion pipeline (watcher, extractor, indexer) in this JVM, for benchmarks. */
final class BenchPipeline implements AutoCloseable {

    private final Infrastructure infra;
    private final RunningServices services;

    /** Runs the watcher with {@code infra}'s debounce (the benchmarks set 200 ms). */
    BenchPipeline(Infrastructure infra) throws Exception {
        this.infra = infra;
        this.services = RunningServices.start(infra, ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher);
    }

    long rebuiltGraphKeys() {
        return services.get(IndexerService.class).rebuiltGraphKeys();
    }

    /** Waits until no graph key of the tenant is waiting to be rebuilt (twice in a row, a moment apart). */
    void awaitGraphSettled(TenantConfig tenant, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        while (quiet < 2) {
            try (Connection connection = infra.dataSource(tenant).getConnection()) {
                quiet = new GraphRepository().dirtyCount(connection, tenant.workspace()) == 0 ? quiet + 1 : 0;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("graph not settled within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Copies every markdown file of {@code corpus} into {@code target}; returns how many. */
    static int copyCorpus(Path corpus, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(corpus)) {
            List<Path> markdown =
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
            copyCorpusFiles(markdown, target);
            return markdown.size();
        }
    }

    /** Copies these files into {@code target}. */
    static void copyCorpusFiles(List<Path> files, Path target) throws IOException {
        Files.createDirectories(target);
        for (Path file : files) {
            // Copied as editors save (temporary file, then rename): the watcher never sees half a file.
            Path temporary = target.resolve(file.getFileName() + ".tmp");
            Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    temporary,
                    target.resolve(file.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Waits until the tenant holds {@code documents} documents that are processed or failed. */
    Map<String, Long> awaitSettled(TenantConfig tenant, long documents, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        DocumentRepository repository = new DocumentRepository();
        while (true) {
            Map<String, Long> counts = repository.countByStatus(infra.dataSource(tenant), tenant.workspace());
            if (counts.get("processed") + counts.get("failed") >= documents) {
                return counts;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not settled within " + timeout + ": " + counts);
            }
            Thread.sleep(250);
        }
    }

    /** Waits until every one of {@code paths} holds a version at least {@code minVersion}. */
    void awaitVersions(TenantConfig tenant, List<String> paths, long minVersion, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = "SELECT count(*) FROM documents WHERE workspace = ? AND path = ANY (?) AND version < ?";
        while (true) {
            try (Connection connection = infra.dataSource(tenant).getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, tenant.workspace());
                statement.setArray(2, connection.createArrayOf("text", paths.toArray()));
                statement.setLong(3, minVersion);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("resubmitted documents not processed within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() {
        services.close();
    }
}
