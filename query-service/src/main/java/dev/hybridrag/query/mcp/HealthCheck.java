package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.retrieval.QuestionEmbedders;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;

/**
 * {@code hybridrag_health_check}: the tenant's database and embedding model (without them no question is answered:
 * unhealthy), Kafka and the pipeline's workers (without them questions work but nothing new is indexed: degraded).
 * Each check is bounded by a few seconds; details name the part, never a credential.
 */
final class HealthCheck {

    private static final int TIMEOUT_SECONDS = 3;

    record Check(String name, String status, String detail) {}

    record Health(String status, List<Check> checks) {}

    private final Infrastructure infra;
    private final QuestionEmbedders embedders;
    private Admin admin;

    HealthCheck(Infrastructure infra, QuestionEmbedders embedders) {
        this.infra = infra;
        this.embedders = embedders;
    }

    Health run(TenantConfig tenant) {
        List<Check> checks = new ArrayList<>();
        DataSource dataSource = infra.dataSource(tenant);
        boolean database = check(checks, "database", () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(TIMEOUT_SECONDS)) {
                    throw new IllegalStateException("PostgreSQL did not answer within " + TIMEOUT_SECONDS + " s");
                }
            }
            return "PostgreSQL answers";
        });
        if (database) {
            check(checks, "embedding_model", () -> {
                var embedder = embedders.forQuestion(tenant, dataSource);
                embedder.embedQuery("health check");
                return embedder.model() + " (" + embedder.dimension() + " dimensions) embeds questions";
            });
        } else {
            checks.add(new Check("embedding_model", "unknown", "not checked: the database is unreachable"));
        }
        boolean kafka = check(checks, "kafka", () -> {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_SECONDS * 1000))
                    .nodes()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .size();
            return brokers + " broker(s) at " + infra.kafka().bootstrapServers();
        });
        if (kafka) {
            check(checks, "services", this::workers);
        } else {
            checks.add(new Check("services", "unknown", "not checked: Kafka is unreachable"));
        }
        String status = "healthy";
        for (Check check : checks) {
            if (check.status().equals("fail")
                    && (check.name().equals("database") || check.name().equals("embedding_model"))) {
                status = "unhealthy";
            } else if (!check.status().equals("ok") && status.equals("healthy")) {
                status = "degraded";
            }
        }
        return new Health(status, checks);
    }

    /** The extractor and indexer groups each have at least one member consuming. */
    private String workers() throws Exception {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("extractor", infra.topics().group("extractor", infra.tenants()));
        groups.put("indexer", infra.topics().group("indexer", infra.tenants()));
        Map<String, ConsumerGroupDescription> described = admin().describeConsumerGroups(
                        groups.values(), new DescribeConsumerGroupsOptions().timeoutMs(TIMEOUT_SECONDS * 1000))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        groups.forEach((worker, group) -> {
            ConsumerGroupDescription description = described.get(group);
            int members = description == null ? 0 : description.members().size();
            parts.add(members + " " + worker + (members == 1 ? "" : "s"));
            if (members == 0) {
                missing.add(worker);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no " + String.join(" and no ", missing) + " running: new documents wait ("
                    + String.join(", ", parts) + ")");
        }
        return String.join(", ", parts) + " running";
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = infra.kafka().admin();
        }
        return admin;
    }

    private interface Probe {
        String run() throws Exception;
    }

    private static boolean check(List<Check> checks, String name, Probe probe) {
        try {
            checks.add(new Check(name, "ok", probe.run()));
            return true;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            checks.add(new Check(name, "fail", ToolTexts.oneLine(reason)));
            return false;
        }
    }

    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
