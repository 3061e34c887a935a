package dev.hybridrag.watcher;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.intake.Refusal;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentState;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.FileSelection;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.WatchRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scan of a folder for a tenant ({@code hybridrag ingest}): every selected file whose content differs from
 * what the tenant's table holds is published, refused files are recorded, unchanged ones are left alone. Files
 * under one of the tenant's watch roots are named as the watcher names them (relative to the root), so both agree
 * on one document; files elsewhere are named by their absolute path. Nothing is deleted: a one-shot scan cannot
 * tell a file removed from a folder it never saw before.
 */
public final class FolderIngest implements AutoCloseable {

    /** A document handed to the pipeline, and the version to wait for. */
    public record Submitted(String path, long version) {}

    /** What one scan did. */
    public record Report(List<Submitted> submitted, List<String> unchanged, Map<String, String> refused) {

        public List<String> submittedPaths() {
            return submitted.stream().map(Submitted::path).toList();
        }
    }

    private final Infrastructure infra;
    private final DocumentIntake intake;
    private final DocumentRepository documents = new DocumentRepository();
    private final long maxBytes;

    public FolderIngest(Infrastructure infra) {
        this.infra = infra;
        this.intake = new DocumentIntake(infra, "hybridrag-ingest", true);
        this.maxBytes = WatcherSettings.from(infra.environment()).maxFileBytes();
    }

    /**
     * @param pattern a glob relative to {@code folder}; without one, the watch root's own selection when the folder
     *     is under a watch root, else {@link WatchRoot#DEFAULT_PATTERNS}
     * @throws IllegalArgumentException when the folder does not exist or the pattern is not a glob
     */
    public Report submit(TenantConfig tenant, Path folder, boolean recursive, Optional<String> pattern)
            throws IOException, SQLException, InterruptedException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no such folder: " + folder);
        }
        Path start = folder.toRealPath();
        Optional<WatchRoot> holder = watchRootHolding(tenant, start);
        Optional<Path> root =
                holder.isPresent() ? Optional.of(holder.get().root().toRealPath()) : Optional.empty();
        Path boundary = root.orElse(start);
        Path matchBase = pattern.isPresent() ? start : boundary;
        FileSelection selection = pattern.map(glob -> new FileSelection(List.of(glob), List.of()))
                .orElseGet(() -> holder.map(WatchRoot::selection)
                        .orElseGet(() -> new FileSelection(WatchRoot.DEFAULT_PATTERNS, List.of())));

        Map<String, Path> files = new LinkedHashMap<>();
        FolderScan.walk(matchBase, start, selection, recursive, file -> files.put(name(root, file), file));
        Map<String, DocumentState> stored =
                documents.states(infra.dataSource(tenant), tenant.workspace(), files.keySet());

        List<Submitted> submitted = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            String name = entry.getKey();
            WatchedFile read;
            try {
                read = WatchedFile.read(boundary, entry.getValue(), name, maxBytes);
            } catch (WatchedFile.RefusedFileException e) {
                intake.refuse(tenant, Refusal.of(entry.getValue(), name, e.getMessage()));
                refused.put(name, e.getMessage());
                continue;
            } catch (NoSuchFileException e) {
                continue; // removed while we scanned
            }
            DocumentState before = stored.get(name);
            if (before != null && before.contentHash().equals(read.hash()) && isSettledWell(before.status())) {
                unchanged.add(name);
                continue;
            }
            long version = intake.put(tenant, read.text());
            submitted.add(new Submitted(name, version));
        }
        return new Report(submitted, unchanged, refused);
    }

    /** Where the submitted documents stand now. */
    public Map<String, DocumentState> states(TenantConfig tenant, List<String> paths) throws SQLException {
        return documents.states(infra.dataSource(tenant), tenant.workspace(), paths);
    }

    // A failed document with the same content is worth another try; processed or in-flight ones are not.
    private static boolean isSettledWell(DocumentStatus status) {
        return status == DocumentStatus.PROCESSED
                || status == DocumentStatus.PENDING
                || status == DocumentStatus.PROCESSING;
    }

    private static Optional<WatchRoot> watchRootHolding(TenantConfig tenant, Path realFolder) throws IOException {
        for (WatchRoot root : tenant.watch()) {
            if (Files.isDirectory(root.root())
                    && realFolder.startsWith(root.root().toRealPath())) {
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }

    private static String name(Optional<Path> root, Path file) {
        return root.map(r -> WatchedFile.relativePath(r, file)).orElse(file.toString());
    }

    @Override
    public void close() {
        intake.close();
    }
}
