package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.storage.DocumentRepository;
import dev.hybridrag.core.storage.DocumentStatus;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.FaultPlan;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import dev.hybridrag.watcher.FileResubmitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's acceptance over the real corpus, through a fake OpenAI-compatible provider that counts calls:
 * a second ingest of the same content costs nothing, an appended turn only pays for the chunks it changed, and
 * 30% 429s plus 10% 500s still end with every document processed at a bounded extra cost. Writes
 * docs/benchmarks/extraction.md. Run with {@code ./hybridrag bench extraction}.
 */
class ExtractionBenchmark {

    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));
    private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][a-zA-Z]{3,}\\b");

    @TempDir
    Path work;

    @Test
    void extractionCostsOnlyWhatChanged() throws Exception {
        assertThat(CORPUS).as("the corpus folder (set -Dbench.corpus)").isDirectory();
        List<String> report = new ArrayList<>();
        try (TestKafka kafka = new TestKafka();
                TestPostgres postgres = new TestPostgres();
                FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            provider.embeddingDimension(64).respondToChat(ExtractionBenchmark::cannedExtraction);
            TenantConfig clean = tenant("clean", postgres, work.resolve("clean"), provider);
            TenantConfig faultyCalls = tenant("faulty_calls", postgres, work.resolve("faulty_calls"), provider);
            TenantConfig faultyAttempts =
                    tenant("faulty_attempts", postgres, work.resolve("faulty_attempts"), provider);
            try (Infrastructure infra = TestInfrastructure.create(
                            kafka.bootstrapServers(),
                            Map.of("HYBRIDRAG_DEBOUNCE_MS", "200"),
                            clean,
                            faultyCalls,
                            faultyAttempts);
                    BenchPipeline pipeline = new BenchPipeline(infra)) {
                int files = BenchPipeline.copyCorpus(CORPUS, work.resolve("clean/first"));
                long started = System.nanoTime();
                Map<String, Long> first = pipeline.awaitSettled(clean, files, Duration.ofMinutes(20));
                double firstSeconds = (System.nanoTime() - started) / 1e9;
                int chat1 = provider.calls(Endpoint.CHAT);
                int embed1 = provider.calls(Endpoint.EMBEDDINGS);
                long chunks = count(postgres, "SELECT count(*) FROM chunks WHERE workspace = 'clean'");
                report.add(row("first ingest: documents", files + " (" + first + ")"));
                report.add(row("first ingest: chunks", chunks));
                report.add(row("first ingest: chat calls (1 + 1 gleaning per chunk)", chat1));
                report.add(row("first ingest: embedding calls (batches of 16)", embed1));
                report.add(row("first ingest: seconds", "%.1f".formatted(firstSeconds)));
                assertThat(first.get("processed")).isEqualTo(files);

                BenchPipeline.copyCorpus(CORPUS, work.resolve("clean/second"));
                pipeline.awaitSettled(clean, 2L * files, Duration.ofMinutes(20));
                int chat2 = provider.calls(Endpoint.CHAT) - chat1;
                int embed2 = provider.calls(Endpoint.EMBEDDINGS) - embed1;
                report.add(row("second ingest of the same corpus: chat calls", chat2));
                report.add(row("second ingest of the same corpus: embedding calls", embed2));
                assertThat(chat2).isZero();
                assertThat(embed2).isZero();

                Path largest = largest(work.resolve("clean/first"));
                String relative = "first/" + largest.getFileName();
                long largestChunks = count(
                        postgres,
                        "SELECT count(*) FROM chunks WHERE workspace = 'clean' AND path = '" + relative + "'");
                int chatBefore = provider.calls(Endpoint.CHAT);
                String oldHash = hash(postgres, relative);
                Files.writeString(
                        largest,
                        Files.readString(largest)
                                + "\n\n---\n\n_**User**_\n\nCan you also add a Kafka consumer for the Minsky session events?\n\n"
                                + "---\n\n_**Assistant**_\n\nYes: a KafkaConsumer in SessionEvents reads the topic and updates"
                                + " the Minsky database.\n");
                awaitHashChange(postgres, relative, oldHash);
                int appendCalls = provider.calls(Endpoint.CHAT) - chatBefore;
                report.add(row("append one turn to " + largest.getFileName() + ": chunks in file", largestChunks));
                report.add(row("append one turn: chat calls", appendCalls));
                assertThat(appendCalls).isLessThanOrEqualTo(4);

                int cleanCalls = chat1 + embed1;
                report.addAll(faultRun(pipeline, infra, provider, faultyCalls, files, cleanCalls, true));
                report.addAll(faultRun(pipeline, infra, provider, faultyAttempts, files, cleanCalls, false));
            }
        } finally {
            Reports.write("extraction.md", "Extraction cost (fake provider)", """
                    Issue 3's acceptance over `../shared/corpus/specstory-minsky` (64 SpecStory files, 7.5 MB), run by
                    `./hybridrag bench extraction`: the pipeline (watcher, extractor, indexer) in one JVM with an
                    in-JVM Kafka broker, the local PostgreSQL, and a fake OpenAI-compatible server on loopback that
                    answers every extraction with canned records and counts calls. Chunks of 1200 tokens, one
                    gleaning pass, up to 10 attempts per call.

                    Two fault models: *per call*, 30% of calls get a 429 and 10% a 500 once, and their retries are
                    answered; *per attempt*, every request draws again. Per attempt, the expected number of requests
                    per successful call is 1 / (1 - 0.4) = 1.67 for any client that gets every call through, so the
                    issue's "under 1.6x" can only hold per call; per attempt the benchmark checks instead that every
                    request beyond the clean run's was answered with a fault (nothing was paid twice).""", report);
        }
        report.forEach(System.out::println);
    }

    /**
     * Ingests the corpus into a fresh tenant while the provider answers 30% of requests with 429 and 10% with 500,
     * then retries the documents that still failed (as an operator would with {@code documents retry}).
     * {@code perCall}: a retried request is answered normally (30% of calls fail once); otherwise every attempt
     * draws again, where no client can average fewer than 1 / 0.6 = 1.67 requests per call.
     */
    private static List<String> faultRun(
            BenchPipeline pipeline,
            Infrastructure infra,
            FakeOpenAiServer provider,
            TenantConfig tenant,
            int files,
            int cleanCalls,
            boolean perCall)
            throws Exception {
        String label = "30% 429 + 10% 500 " + (perCall ? "per call" : "per attempt");
        for (Endpoint endpoint : Endpoint.values()) {
            FaultPlan plan = provider.faults(endpoint);
            plan.clear();
            plan.seed(endpoint.ordinal() + 7)
                    .sometimes(0.3, Fault.rateLimited(Duration.ZERO))
                    .sometimes(0.1, Fault.serverError());
            if (perCall) {
                plan.perCall();
            }
        }
        int before = provider.calls();
        int faultsBefore = provider.calls(FakeOpenAiServer.Outcome.RATE_LIMITED)
                + provider.calls(FakeOpenAiServer.Outcome.SERVER_ERROR);
        BenchPipeline.copyCorpus(CORPUS, tenant.watch().getFirst().root());
        Map<String, Long> counts = pipeline.awaitSettled(tenant, files, Duration.ofMinutes(20));
        Map<String, Long> afterIngest = counts;
        int retries = 0;
        try (FileResubmitter resubmitter = new FileResubmitter(infra)) {
            while (counts.get("failed") > 0 && retries < 3) {
                retries++;
                long resubmittedAt = System.currentTimeMillis();
                List<String> failed = new DocumentRepository()
                        .paths(infra.dataSource(tenant), tenant.workspace(), DocumentStatus.FAILED, 1000);
                for (String path : failed) {
                    resubmitter.resubmit(tenant, path);
                }
                pipeline.awaitVersions(tenant, failed, resubmittedAt, Duration.ofMinutes(5));
                counts = pipeline.awaitSettled(tenant, files, Duration.ofMinutes(5));
            }
        }
        int calls = provider.calls() - before;
        int faults = provider.calls(FakeOpenAiServer.Outcome.RATE_LIMITED)
                + provider.calls(FakeOpenAiServer.Outcome.SERVER_ERROR)
                - faultsBefore;
        for (Endpoint endpoint : Endpoint.values()) {
            provider.faults(endpoint).clear();
        }
        List<String> rows = List.of(
                row(label + ": documents after ingest", afterIngest.toString()),
                row(label + ": retry rounds for failed documents", retries),
                row(label + ": documents at the end", counts.toString()),
                row(label + ": requests (faulted)", calls + " (" + faults + ")"),
                row(label + ": requests / clean run's " + cleanCalls, "%.2f".formatted(calls / (double) cleanCalls)));
        assertThat(counts.get("processed")).as(label).isEqualTo(files);
        // Every request beyond the clean run's was caused by a fault: nothing is paid twice.
        assertThat(calls - faults).as(label + " successful requests").isLessThanOrEqualTo(cleanCalls);
        if (perCall) {
            assertThat(calls).as(label).isLessThan((int) (1.6 * cleanCalls));
        }
        return rows;
    }

    private static TenantConfig tenant(String id, TestPostgres postgres, Path root, FakeOpenAiServer provider) {
        ModelSettings models = FakeProviderModels.models(provider);
        return TestInfrastructure.tenant(id, postgres.settings(), root, models);
    }

    /** Entities from the chunk's capitalised words, a relation between the first two; nothing more on gleaning. */
    static String cannedExtraction(List<ChatMessage> messages) {
        String last = messages.getLast().content();
        int start = last.indexOf("---Text start---");
        if (start < 0) {
            return "<|COMPLETE|>";
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher words = CAPITALISED.matcher(last.substring(start));
        while (words.find() && names.size() < 5) {
            names.add(words.group());
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append("(\"entity\"<|>")
                    .append(name)
                    .append("<|>concept<|>")
                    .append(name)
                    .append(" as the chat mentions it)##\n");
        }
        List<String> list = List.copyOf(names);
        if (list.size() >= 2) {
            out.append("(\"relationship\"<|>")
                    .append(list.get(0))
                    .append("<|>")
                    .append(list.get(1))
                    .append("<|>mentioned together<|>co-occurrence<|>5)##\n");
        }
        return out.append("<|COMPLETE|>").toString();
    }

    private static Path largest(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.max((a, b) ->
                            Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow();
        }
    }

    private static void awaitHashChange(TestPostgres postgres, String path, String oldHash) throws Exception {
        for (int i = 0; i < 2400; i++) {
            if (!oldHash.equals(hash(postgres, path))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the appended file was not indexed");
    }

    private static String hash(TestPostgres postgres, String path) throws Exception {
        try (Connection connection = postgres.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT content_hash FROM documents WHERE workspace = 'clean' AND path = ?")) {
            statement.setString(1, path);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        }
    }

    private static long count(TestPostgres postgres, String sql) throws Exception {
        try (Connection connection = postgres.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String row(String what, Object value) {
        return "| " + what + " | " + value + " |";
    }
}
