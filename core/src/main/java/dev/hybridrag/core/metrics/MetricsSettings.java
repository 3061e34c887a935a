package dev.hybridrag.core.metrics;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;

/**
 * Where a process without query-service serves its {@code /metrics}, read once from the environment and checked when
 * built.
 *
 * @param host address the metrics port binds to (HYBRIDRAG_METRICS_HOST)
 * @param port the metrics port, 0 for none (HYBRIDRAG_METRICS_PORT)
 */
public record MetricsSettings(String host, int port) {

    public MetricsSettings {
        if (host.isBlank()) {
            throw new IllegalArgumentException(Settings.METRICS_HOST.name() + " must name an address");
        }
        Settings.METRICS_PORT.require(port);
    }

    public static MetricsSettings from(Environment env) {
        return new MetricsSettings(env.get(Settings.METRICS_HOST), env.getInt(Settings.METRICS_PORT));
    }

    public boolean enabled() {
        return port != 0;
    }
}
