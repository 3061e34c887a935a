package dev.hybridrag.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

    @Test
    void defaultsFitFourServicesUnderPostgresDefaultMaxConnections() {
        PoolSettings defaults = PoolSettings.fromEnvironment(new Environment(Map.of()));
        assertThat(4 * defaults.serverConnections()).isLessThanOrEqualTo(100 - 3 - 10);
        assertThat(defaults.poolSize()).isEqualTo(4);
        assertThat(defaults.poolIdle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.connectionWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void settingsComeFromTheEnvironment() {
        PoolSettings settings = PoolSettings.fromEnvironment(new Environment(Map.of(
                "HYBRIDRAG_PG_SERVER_CONNECTIONS", "12",
                "HYBRIDRAG_PG_POOL_SIZE", "6",
                "HYBRIDRAG_PG_POOL_IDLE_SECONDS", "60",
                "HYBRIDRAG_PG_CONNECTION_WAIT_SECONDS", "5")));
        assertThat(settings).isEqualTo(new PoolSettings(12, 6, Duration.ofSeconds(60), Duration.ofSeconds(5)));
        assertThat(new PoolSettings(3, 6, Duration.ofSeconds(60), Duration.ofSeconds(5)).effectivePoolSize())
                .as("a pool never holds more than its server's cap")
                .isEqualTo(3);
    }

    @Test
    void aCapTooSmallForMigrationsIsRefusedByName() {
        // The environment itself refuses it now, when the process starts, before any pool is sized.
        assertThatThrownBy(() ->
                        PoolSettings.fromEnvironment(new Environment(Map.of("HYBRIDRAG_PG_SERVER_CONNECTIONS", "1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HYBRIDRAG_PG_SERVER_CONNECTIONS");
    }
}
