package dev.hybridrag.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.llm.CallLimits;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.EmbeddingFailedException;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.llm.LlmOperation;
import dev.hybridrag.core.llm.ModelPrices;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.storage.SpendReport;
import dev.hybridrag.core.storage.SpendReport.Grouping;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The budget is the fleet's: two processes (two infrastructures) of one tenant, and a restarted one, draw on the
 * spend written down in the tenant's database, chat and embeddings together.
 */
class FleetBudgetIT {

    private static final List<ChatMessage> PROMPT = List.of(ChatMessage.user("Which services use Kafka?"));

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();
    private final TestPostgres postgres;
    private final List<Infrastructure> processes = new ArrayList<>();

    FleetBudgetIT() throws Exception {
        postgres = new TestPostgres();
    }

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Infrastructure::close);
        fake.close();
        postgres.close();
    }

    @Test
    void replicasRestartsAndEmbeddingsAllDrawOnOneDailyBudget() throws Exception {
        // 1 USD per token: the budget of 30 USD is spent after 30 tokens, whoever spends them.
        TenantConfig tenant = tenant(30);
        Infrastructure extractor1 = process(tenant);
        Infrastructure extractor2 = process(tenant);

        extractor1.models().chatModel(tenant, LlmOperation.EXTRACT).chat(PROMPT);
        extractor2.models().embedder(tenant).embed(List.of("Kafka carries file events to the extractor workers."));
        long billed = fake.billedTokens();
        assertThat(billed).isBetween(15L, 29L);
        assertThat(extractor2.models().budget(tenant).spentTodayUsd()).isEqualTo((double) billed);

        extractor1.models().chatModel(tenant, LlmOperation.GLEAN).chat(PROMPT);
        long callsAtLimit = fake.calls();
        assertThatThrownBy(() -> extractor2
                        .models()
                        .chatModel(tenant, LlmOperation.EXTRACT)
                        .chat(PROMPT))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("daily spend limit of 30.00 USD reached for tenant fleet");
        Infrastructure restarted = process(tenant);
        assertThatThrownBy(() -> restarted.models().embedder(tenant).embed(List.of("one more")))
                .isInstanceOf(EmbeddingFailedException.class)
                .hasMessageContaining("daily spend limit");
        assertThat(fake.calls()).isEqualTo(callsAtLimit);

        assertThat(ledger()).containsExactly("chat extract", "embedding embed", "chat glean");
        assertThat(ledgerTokens()).isEqualTo(fake.billedTokens());
        List<SpendReport.Row> byOperation = SpendReport.load(
                restarted.dataSource(tenant), tenant.workspace(), Instant.now().minusSeconds(3600), Grouping.OPERATION);
        assertThat(byOperation).extracting(SpendReport.Row::key).containsExactly("embed", "extract", "glean");
        assertThat(byOperation.stream().mapToLong(SpendReport.Row::totalTokens).sum())
                .isEqualTo(fake.billedTokens());
        assertThat(byOperation.stream().mapToDouble(SpendReport.Row::usd).sum())
                .isEqualTo((double) fake.billedTokens());
    }

    private TenantConfig tenant(double budgetUsd) {
        CallLimits limits = CallLimits.builder()
                .maxAttempts(1)
                .timeout(Duration.ofSeconds(10))
                .dailyBudgetUsd(budgetUsd)
                .prices(ModelPrices.flat(1_000_000))
                .build();
        ModelSettings offline = ModelSettings.offline();
        var chat = new ProviderSettings("openai", "gpt-4o-mini", fake.baseUrl(), "sk-test-0123456789", "", 0);
        var embedding =
                new ProviderSettings("openai", "text-embedding-3-small", fake.baseUrl(), "sk-test-0123456789", "", 8);
        return TestInfrastructure.tenant(
                "fleet",
                postgres.settings(),
                Path.of("."),
                new ModelSettings(
                        chat, embedding, limits, 0, offline.entityTypes(), 1200, offline.chunkOverlapTokens()));
    }

    private Infrastructure process(TenantConfig tenant) {
        Infrastructure infra = TestInfrastructure.create("127.0.0.1:1", Map.of(), tenant);
        processes.add(infra);
        return infra;
    }

    private List<String> ledger() throws Exception {
        List<String> calls = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT kind, operation FROM llm_usage ORDER BY at")) {
            while (rows.next()) {
                calls.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return calls;
    }

    private long ledgerTokens() throws Exception {
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT sum(prompt_tokens + completion_tokens) FROM llm_usage WHERE settled")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
