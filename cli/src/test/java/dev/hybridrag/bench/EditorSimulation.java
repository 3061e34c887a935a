package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Editors saving growing chats: every tick, a SpecStory turn is appended to each file, half of them written in place
 * (as an editor appending) and half saved atomically (temporary file, then rename), as most editors save.
 */
public final class EditorSimulation {

    /** What was written. */
    public record Written(int files, int appends, Duration took) {}

    private static final String[] WORDS = {
        "Kafka", "PostgreSQL", "partition", "offset", "replica", "chunk", "entity", "relation", "Minsky", "session",
        "rebalance", "watcher", "index", "vector", "commit", "retry", "timeout", "schema", "task", "backlog"
    };

    private final Path root;
    private final int files;
    private final Random random = new Random(6);

    public EditorSimulation(Path root, int files) {
        this.root = root;
        this.files = files;
    }

    /** The chats as they start: a title and a first question each. */
    public List<Path> create() throws IOException {
        Files.createDirectories(root.resolve(".specstory/history"));
        List<Path> chats = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            Path chat = root.resolve(".specstory/history/chat-%02d.md".formatted(i));
            Files.writeString(chat, "# Chat %d\n\n_**User**_\n\nHow do I start with %s?\n".formatted(i, word()));
            chats.add(chat);
        }
        return chats;
    }

    /** Appends a turn to every chat each {@code period}, for {@code length}. */
    public Written append(List<Path> chats, Duration period, Duration length) throws Exception {
        long started = System.nanoTime();
        long end = started + length.toNanos();
        int appends = 0;
        for (long tick = started; tick < end; tick += period.toNanos()) {
            for (int i = 0; i < chats.size(); i++) {
                String turn = turn(appends);
                if (i % 2 == 0) {
                    Files.writeString(chats.get(i), turn, StandardOpenOption.APPEND);
                } else {
                    saveAtomically(chats.get(i), Files.readString(chats.get(i)) + turn);
                }
                appends++;
            }
            long wait = tick + period.toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
        }
        return new Written(chats.size(), appends, Duration.ofNanos(System.nanoTime() - started));
    }

    private String turn(int number) {
        return "\n---\n\n_**Assistant**_\n\nAnswer %d: use the %s with a %s, then check the %s.\n\n---\n\n_**User**_\n\n"
                        .formatted(number, word(), word(), word())
                + "And what about %s %d?\n".formatted(word(), number);
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    public static void saveAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
