package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The folders a benchmark reads and writes: its corpus's markdown files, and folders emptied before a run. */
final class BenchFolders {

    private BenchFolders() {}

    /** The folder's markdown files (not below it), by name. */
    static List<Path> markdown(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** The benchmark corpus's markdown files; stops the benchmark when the folder is not there. */
    static List<Path> corpus(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no corpus folder " + folder + " (set -Dbench.corpus)");
        }
        return markdown(folder);
    }

    /** The folder, emptied of whatever an earlier run left there, or made. */
    static Path fresh(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(folder);
    }
}
