package dev.hybridrag.query.retrieval;

import dev.hybridrag.core.storage.ChunkRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * How many chunks, entities and relations a tenant holds in a model: what decides between exact and index search,
 * and the corpus size full-text ranking weighs words against. Counted at most once a minute per tenant and table: a
 * count reads every row of the tenant's, and a size that is a minute old decides as well.
 */
final class TenantSizes {

    private static final Duration FRESH = Duration.ofMinutes(1);

    // Data sources are wrappers made per call, so the workspace names the tenant.
    private record Key(String workspace, String table, String model) {}

    private record Counted(long rows, Instant at) {}

    private final ChunkRepository chunks = new ChunkRepository();
    private final Map<Key, Counted> counted = new ConcurrentHashMap<>();
    private final Clock clock;

    TenantSizes(Clock clock) {
        this.clock = clock;
    }

    long rows(DataSource dataSource, String workspace, String table, String model) throws SQLException {
        Key key = new Key(workspace, table, model);
        Instant now = clock.instant();
        Counted known = counted.get(key);
        if (known != null && known.at().plus(FRESH).isAfter(now)) {
            return known.rows();
        }
        long rows = chunks.countVectors(dataSource, workspace, table, model);
        counted.put(key, new Counted(rows, now));
        return rows;
    }
}
