package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Writes a benchmark's results to docs/benchmarks/, with the machine it ran on. */
final class Reports {

    private Reports() {}

    static void write(String file, String title, String intro, List<String> rows) throws IOException {
        writeDocument(
                file,
                "# " + title + "\n\n" + intro + "\n\nMeasured " + LocalDate.now(ZoneOffset.UTC) + " on " + machine()
                        + ".\n\n| measure | value |\n|---|---|\n" + String.join("\n", rows) + "\n");
    }

    /** A whole page, for benchmarks whose results are more than one table. */
    static void writeDocument(String file, String markdown) throws IOException {
        Path target = Path.of("..", "docs", "benchmarks", file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, markdown);
    }

    /** The line below which a benchmark page is written by hand: a new run keeps what follows it. */
    static final String KEPT_BY_HAND = "<!-- measured above, history below: kept by hand -->";

    /** What follows {@code marker} in an existing page (written by hand, kept across runs), or nothing. */
    static String keptPart(String file, String marker) throws IOException {
        Path target = Path.of("..", "docs", "benchmarks", file);
        if (!Files.exists(target)) {
            return "";
        }
        String page = Files.readString(target);
        int at = page.indexOf(marker);
        return at < 0 ? "" : page.substring(at + marker.length()).stripLeading();
    }

    static String machine() {
        return "%d cores, %d GiB max heap, %s %s, Java %s"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 30,
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"));
    }
}
