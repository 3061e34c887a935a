package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.llm.ProviderSettings;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.storage.DocumentSummary;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A file under the size limit whose extraction would still not fit one Kafka message (thousands of chunks, each with
 * a wide vector): it fails at once with the reason, before a single embedding is paid for, and the files after it are
 * processed as usual.
 */
class OversizedDocumentIT {

    private static final int DIMENSION = 4000;

    @RegisterExtension
    final RunningPipeline pipeline = RunningPipeline.with(
                    ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher)
            .settings(Map.of("HYBRIDRAG_TOPIC_PARTITIONS", "1"))
            .provider(provider -> provider.embeddingDimension(DIMENSION))
            .tenants(p -> List.of(
                    TestInfrastructure.tenant("default", p.postgres().settings(), p.root(), models(p.provider()))));

    @Test
    void aDocumentTooLargeForOneMessageFailsAtOnceAndTheOthersGoOn() throws Exception {
        Infrastructure infra = pipeline.infra();
        TenantConfig tenant = pipeline.tenant("default");
        Path inbox = pipeline.root();
        FakeOpenAiServer provider = pipeline.provider();
        Files.writeString(inbox.resolve("small.md"), prose(3));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(infra, tenant, "small.md"), "processed"::equals);

        String large = prose(30_000); // about 3 MB: under the 8 MiB file limit
        assertThat(large.length()).isLessThan(8 * 1024 * 1024);
        Files.writeString(inbox.resolve("large.md"), large);
        Files.writeString(inbox.resolve("after.md"), prose(2));

        await().atMost(Duration.ofSeconds(120)).until(() -> status(infra, tenant, "large.md"), "failed"::equals);
        DocumentSummary failed = document(infra, tenant, "large.md").orElseThrow();
        assertThat(failed.error()).contains("too large to index").contains("split the file");
        assertThat(failed.chunkCount()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> status(infra, tenant, "after.md"), "processed"::equals);
        assertThat(provider.embeddedTexts("fake-embedding"))
                .as("texts embedded: none of large.md's (only it has a sentence 10)")
                .noneMatch(text -> text.contains("Sentence 10 says"))
                .anyMatch(text -> text.contains("Sentence 1 says"));
    }

    /** Offline extraction, embeddings from the fake provider in a dimension too wide for thousands in one message. */
    private static ModelSettings models(FakeOpenAiServer provider) {
        ModelSettings offlineExtraction = ModelSettings.offline();
        return new ModelSettings(
                offlineExtraction.chat(),
                new ProviderSettings("compatible", "fake-embedding", provider.baseUrl(), "", "", DIMENSION),
                offlineExtraction.limits(),
                offlineExtraction.gleaningPasses(),
                offlineExtraction.entityTypes(),
                offlineExtraction.chunkTokens(),
                offlineExtraction.chunkOverlapTokens());
    }

    private static String prose(int sentences) {
        return "# Notes\n\n"
                + IntStream.range(0, sentences)
                        .mapToObj(i -> "Sentence " + i + " says that the indexer writes chunk " + i
                                + " of the document into PostgreSQL after the extractor embedded it.")
                        .collect(Collectors.joining(" "));
    }

    private static String status(Infrastructure infra, TenantConfig tenant, String path) throws Exception {
        return document(infra, tenant, path).map(DocumentSummary::status).orElse("");
    }

    private static Optional<DocumentSummary> document(Infrastructure infra, TenantConfig tenant, String path)
            throws Exception {
        List<DocumentSummary> documents = new DocumentRepository()
                .list(infra.dataSource(tenant), tenant.workspace(), Optional.<DocumentStatus>empty(), 100, 0);
        return documents.stream().filter(doc -> doc.path().equals(path)).findFirst();
    }
}
