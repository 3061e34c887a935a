package dev.hybridrag.query;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.net.InetSocketAddress;

/**
 * query-service's settings, read once from the environment and checked when built.
 *
 * @param host the address it binds to (HYBRIDRAG_QUERY_HOST)
 * @param port its HTTP port, 0 for any free one (HYBRIDRAG_QUERY_PORT)
 * @param apiKeyRequestsPerMinute requests accepted per API key and minute, 0 for no limit
 *     (HYBRIDRAG_API_KEY_REQUESTS_PER_MINUTE)
 */
public record QuerySettings(String host, int port, int apiKeyRequestsPerMinute) {

    public QuerySettings {
        Settings.QUERY_PORT.require(port);
        Settings.API_KEY_REQUESTS_PER_MINUTE.require(apiKeyRequestsPerMinute);
    }

    public static QuerySettings from(Environment env) {
        return new QuerySettings(
                env.get(Settings.QUERY_HOST),
                env.getInt(Settings.QUERY_PORT),
                env.getInt(Settings.API_KEY_REQUESTS_PER_MINUTE));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }
}
