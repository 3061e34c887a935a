package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a broker that takes SASL/SCRAM logins only, as {@code ./hybridrag up}'s and the Compose files' do, a watched
 * file reaches the graph: every Kafka client of the pipeline logs in, the graph wake-up stream (Kafka Streams) too.
 * That stream once got the broker's address without the login, so on such a broker its clients were refused and no
 * tenant's graph was built, while chunks (written by the plain consumers) still were; the in-JVM broker of the other
 * tests is open, so none of them saw it.
 */
class ScramBrokerGraphIT {

    @RegisterExtension
    static final RunningPipeline pipeline = RunningPipeline.with(
                    ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher)
            .scramBroker();

    @Test
    void aFileReachesTheGraphThroughABrokerThatRequiresALogin() throws Exception {
        Infrastructure infra = pipeline.infra();
        TenantConfig tenant = pipeline.tenant("default");
        Files.writeString(
                pipeline.root().resolve("notes.md"),
                "# Storage\n\nEugene moved the Minsky task store from SQLite to PostgreSQL last week.\n");

        await().atMost(Duration.ofSeconds(60)).until(() -> count(infra, tenant, "SELECT count(*) FROM chunks") > 0);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(entities(infra, tenant)).contains("postgresql", "sqlite"));
    }

    private static long count(Infrastructure infra, TenantConfig tenant, String sql) throws Exception {
        try (Connection connection = infra.dataSource(tenant).getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> entities(Infrastructure infra, TenantConfig tenant) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection connection = infra.dataSource(tenant).getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT key FROM entities ORDER BY key");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
