package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedHttpClientsTest {

    /**
     * An indexer builds every tenant's embedder at start; with a client (and so a selector thread) of its own each, an
     * idle fleet of a thousand tenants kept a thousand threads waking (issue 17).
     */
    @Test
    void manyTenantsProvidersDoNotEachCostAThread() {
        List<Object> providers = new ArrayList<>();
        providers.add(embedder(0)); // the shared clients' own threads, if this is the first use in this JVM
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int tenant = 1; tenant <= 200; tenant++) {
            providers.add(embedder(tenant));
            providers.add(new OpenAiChatModel(settings("gpt-4o-mini", tenant), Duration.ofSeconds(60)));
        }
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();

        assertThat(providers).hasSize(401);
        assertThat(threadsAfter - threadsBefore)
                .as("threads started by 400 providers")
                .isLessThan(5);
    }

    @Test
    void aConnectTimeoutOrProtocolOfItsOwnGetsAClientOfItsOwn() {
        assertThat(SharedHttpClients.of(HttpClient.Version.HTTP_1_1, Duration.ofSeconds(3)))
                .isSameAs(SharedHttpClients.of(HttpClient.Version.HTTP_1_1, Duration.ofSeconds(3)))
                .isNotSameAs(SharedHttpClients.of(HttpClient.Version.HTTP_1_1, Duration.ofSeconds(4)))
                .isNotSameAs(SharedHttpClients.of(HttpClient.Version.HTTP_2, Duration.ofSeconds(3)));
    }

    private static OpenAiEmbedder embedder(int tenant) {
        return new OpenAiEmbedder(settings("text-embedding-3-small", tenant), Duration.ofSeconds(60));
    }

    /** Each tenant its own provider and key, as tenants.yaml gives them. */
    private static ProviderSettings settings(String model, int tenant) {
        return new ProviderSettings("openai", model, "http://127.0.0.1:9/v1", "sk-tenant-" + tenant, "", 8);
    }
}
