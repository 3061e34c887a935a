package dev.hybridrag.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which kernel limit a refused watch hit, and how an operator raises it. */
final class InotifyLimit {

    private static final Path SETTINGS = Path.of("/proc/sys/fs/inotify");

    private InotifyLimit() {}

    /** A sentence naming the limit behind {@code refusal} and its remedy, or the refusal itself if no limit. */
    static String explain(IOException refusal) {
        String message = String.valueOf(refusal.getMessage());
        if (message.contains("inotify watches")) {
            return remedy("max_user_watches", "watches (one per watched folder)", 524_288);
        }
        if (message.contains("inotify instances")) {
            return remedy("max_user_instances", "instances (one per watching process)", 1024);
        }
        return "the folder cannot be watched (" + message + ")";
    }

    private static String remedy(String setting, String what, int suggested) {
        return "the kernel's limit of inotify " + what + " per user is reached (fs.inotify." + setting + " = "
                + current(setting) + "); raise it with `sysctl fs.inotify." + setting + "=" + suggested
                + "` (and a line in /etc/sysctl.d/ to keep it)";
    }

    private static String current(String setting) {
        try {
            return Files.readString(SETTINGS.resolve(setting)).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
