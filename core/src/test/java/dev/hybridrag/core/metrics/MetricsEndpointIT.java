package dev.hybridrag.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.llm.LlmCall;
import dev.hybridrag.core.llm.LlmOperation;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A metrics endpoint as Prometheus reads it: the fixed names are there with the tenants' values, {@code promtool
 * check metrics} (Debian's prometheus package) finds nothing wrong, and a port already taken leaves the process
 * without metrics rather than without its pipeline.
 */
class MetricsEndpointIT {

    @Test
    void theEndpointServesTheFixedSeriesInAFormatPromtoolAccepts() throws Exception {
        try (TestPostgres postgres = new TestPostgres();
                TestKafka kafka = new TestKafka()) {
            TenantConfig tenant = TestInfrastructure.tenant("metered", postgres.settings(), Path.of("."));
            try (Infrastructure infra = TestInfrastructure.create(kafka.bootstrapServers(), Map.of(), tenant)) {
                PrometheusMetrics metrics = infra.metrics();
                new DocumentRepository().countByStatus(infra.dataSource(tenant), tenant.workspace());
                PipelineMeters.filePublished("metered", "created");
                PipelineMeters.fileRefused("metered", "too large: 9000000 bytes, over HYBRIDRAG_MAX_FILE_BYTES");
                PipelineMeters.stage(PipelineMeters.EXTRACT, "metered").record(java.time.Duration.ofMillis(300));
                new LlmMeters()
                        .completed(
                                "metered",
                                LlmCall.chat("gpt-4o-mini", LlmOperation.EXTRACT)
                                        .usage(1200, 80),
                                0.001,
                                "success");
                TenantGauges gauges = new TenantGauges(infra);
                gauges.refresh();
                // Kafka's client metrics as every worker has them, with the per-broker ones a connection adds.
                infra.ensureTopics();
                var producer = infra.kafka().producer("metered-producer");
                producer.send(new ProducerRecord<>(infra.topics().deadLetters(), "metered/x", new byte[1]))
                        .get(60, TimeUnit.SECONDS);
                var consumer = infra.kafka().consumer("metered-group", "metered-consumer", 4);
                consumer.subscribe(List.of(infra.topics().deadLetters()));
                consumer.poll(java.time.Duration.ofSeconds(5));

                try (MetricsServer server =
                        MetricsServer.start("127.0.0.1", 0, metrics).orElseThrow()) {
                    String body = scrape(server.url());
                    assertThat(body)
                            .contains("hybridrag_files_published_total{operation=\"created\",tenant=\"metered\"} 1.0")
                            .contains("hybridrag_files_refused_total{reason=\"too_large\",tenant=\"metered\"} 1.0")
                            .contains("hybridrag_stage_seconds_bucket{stage=\"extract\",tenant=\"metered\"")
                            .contains("hybridrag_llm_tokens_total{direction=\"prompt\",kind=\"chat\","
                                    + "model=\"gpt-4o-mini\",tenant=\"metered\"} 1200.0")
                            .contains("hybridrag_llm_budget_usd{tenant=\"metered\"} 0.0")
                            .contains("hybridrag_llm_spend_usd{tenant=\"metered\"} 0.0")
                            .contains("hybridrag_graph_keys_dirty{tenant=\"metered\"} 0.0")
                            .contains("jvm_memory_used_bytes")
                            .contains("hikaricp_connections")
                            .contains("kafka_consumer_fetch_manager_records_lag_max")
                            .contains("kafka_producer_connection_number")
                            .contains("kafka_producer_node_request_latency_avg");
                    assertThat(promtool(body)).as("promtool check metrics").isEmpty();

                    assertThat(MetricsServer.start("127.0.0.1", server.port(), metrics))
                            .as("a second server on a taken port")
                            .isEmpty();
                }
                gauges.close();
                producer.close(java.time.Duration.ZERO);
                consumer.close();
            }
        }
    }

    private static String scrape(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response =
                    client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.CONTENT_TYPE);
            return response.body();
        }
    }

    /** What promtool says is wrong (nothing when it passes). */
    private static String promtool(String metrics) throws Exception {
        Process process = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (var in = process.getOutputStream()) {
            in.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? "" : output;
    }
}
