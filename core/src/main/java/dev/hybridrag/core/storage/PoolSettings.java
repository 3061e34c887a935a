package dev.hybridrag.core.storage;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.time.Duration;

/**
 * How a process pools its PostgreSQL connections (docs/connections.md).
 *
 * @param serverConnections most connections open to one server (host:port), over all its databases and users
 * @param poolSize most connections open to one database (and user)
 * @param poolIdle a database's pool unused this long is closed, and opened again on its next use
 * @param connectionWait how long an operation waits for a connection before it fails (and is retried)
 */
public record PoolSettings(int serverConnections, int poolSize, Duration poolIdle, Duration connectionWait) {

    public PoolSettings {
        if (serverConnections < 2) {
            throw new IllegalArgumentException("a server needs at least 2 connections (migrations use two)");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("a pool needs at least one connection");
        }
        if (poolIdle.isNegative() || poolIdle.toMillis() < 1000) {
            throw new IllegalArgumentException("pools must stay open at least a second, got " + poolIdle);
        }
        if (connectionWait.toMillis() < 250) {
            throw new IllegalArgumentException("the connection wait must be at least 250 ms, got " + connectionWait);
        }
    }

    /** The defaults, with pools of {@code poolSize} connections. */
    public static PoolSettings withPoolSize(int poolSize) {
        return new PoolSettings(
                Integer.parseInt(Settings.PG_SERVER_CONNECTIONS.defaultValue()),
                poolSize,
                Duration.ofSeconds(Long.parseLong(Settings.PG_POOL_IDLE_SECONDS.defaultValue())),
                Duration.ofSeconds(Long.parseLong(Settings.PG_CONNECTION_WAIT_SECONDS.defaultValue())));
    }

    public static PoolSettings fromEnvironment(Environment env) {
        return new PoolSettings(
                env.getInt(Settings.PG_SERVER_CONNECTIONS),
                env.getInt(Settings.PG_POOL_SIZE),
                Duration.ofSeconds(env.getInt(Settings.PG_POOL_IDLE_SECONDS)),
                Duration.ofSeconds(env.getInt(Settings.PG_CONNECTION_WAIT_SECONDS)));
    }

    /** A pool never holds more than its server's share. */
    int effectivePoolSize() {
        return Math.min(poolSize, serverConnections);
    }
}
