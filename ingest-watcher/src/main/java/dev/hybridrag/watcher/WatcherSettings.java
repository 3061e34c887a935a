package dev.hybridrag.watcher;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.time.Duration;

/**
 * The watcher's settings, read once from the environment and checked when built.
 *
 * @param debounce a changed file is read once it has been quiet this long (HYBRIDRAG_DEBOUNCE_MS)
 * @param debounceMaxWait a file that keeps changing is read at least this often (HYBRIDRAG_DEBOUNCE_MAX_MS); never
 *     less than {@code debounce}
 * @param maxFileBytes larger files are refused with a recorded reason (HYBRIDRAG_MAX_FILE_BYTES)
 */
public record WatcherSettings(Duration debounce, Duration debounceMaxWait, long maxFileBytes) {

    public WatcherSettings {
        Settings.DEBOUNCE_MS.require(debounce.toMillis());
        Settings.DEBOUNCE_MAX_MS.require(debounceMaxWait.toMillis());
        Settings.MAX_FILE_BYTES.require(maxFileBytes);
        if (debounceMaxWait.compareTo(debounce) < 0) {
            debounceMaxWait = debounce;
        }
    }

    public static WatcherSettings from(Environment env) {
        return new WatcherSettings(
                Duration.ofMillis(env.getLong(Settings.DEBOUNCE_MS)),
                Duration.ofMillis(env.getLong(Settings.DEBOUNCE_MAX_MS)),
                env.getLong(Settings.MAX_FILE_BYTES));
    }

    /** These settings with another debounce window (tests and benchmarks use short ones). */
    public WatcherSettings withDebounce(Duration window) {
        return new WatcherSettings(window, debounceMaxWait, maxFileBytes);
    }
}
