package dev.hybridrag.core.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.extract.ExtractedRelation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real-looking answers from chat models (fixtures in {@code extraction-outputs/}) and what must survive of each. */
class ExtractionParserTest {

    private final ExtractionParser parser = new ExtractionParser();

    @Test
    void cleanLightRagTuples() {
        ChunkExtraction found = parse("clean-lightrag-tuples.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::type)
                .containsExactly(
                        tuple("Kafka", "technology"),
                        tuple("PostgreSQL", "technology"),
                        tuple("indexer-worker", "technology"));
        assertThat(found.entities().getFirst().description())
                .isEqualTo("Distributed event log that carries the file events between the services.");
        assertThat(found.relations())
                .containsExactly(
                        new ExtractedRelation(
                                "indexer-worker",
                                "Kafka",
                                "consumes, messaging",
                                "The indexer consumes extraction records from Kafka.",
                                8),
                        new ExtractedRelation(
                                "indexer-worker",
                                "PostgreSQL",
                                "persistence",
                                "The indexer writes fragments to PostgreSQL.",
                                9));
        assertThat(found.keywords()).containsExactly("event pipeline", "indexing", "knowledge graph");
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void newStyleLinesWithKeywordsBeforeDescription() {
        ChunkExtraction found = parse("new-style-hash-delimiter.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::type)
                .containsExactly(tuple("ingest-watcher", "technology"), tuple("docs/design.md", "file"));
        assertThat(found.relations())
                .containsExactly(new ExtractedRelation(
                        "ingest-watcher",
                        "docs/design.md",
                        "documentation, file events",
                        "The design document describes how the watcher publishes file events.",
                        1.0));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void preambleFenceAndClosingProseAreIgnored() {
        ChunkExtraction found = parse("fenced-with-preamble.txt");
        assertThat(found.entities()).extracting(ExtractedEntity::name).containsExactly("Resilience4j", "Azure OpenAI");
        assertThat(found.relations())
                .extracting(ExtractedRelation::source, ExtractedRelation::target, ExtractedRelation::strength)
                .containsExactly(tuple("Resilience4j", "Azure OpenAI", 7.0));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void answerCutOffMidRecordLosesOnlyThatRecord() {
        ChunkExtraction found = parse("truncated-mid-record.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name)
                .containsExactly("Flyway", "V2__fragments_and_llm_cache.sql");
        assertThat(found.relations()).hasSize(1);
        assertThat(found.droppedRecords()).isEqualTo(1);
    }

    @Test
    void newStyleAnswerCutOffAfterAFieldDelimiterLosesOnlyThatRecord() {
        ChunkExtraction found = parse("truncated-new-style.txt");
        assertThat(found.entities()).extracting(ExtractedEntity::name).containsExactly("HikariCP", "Connection Budget");
        assertThat(found.relations()).isEmpty();
        assertThat(found.droppedRecords()).isEqualTo(1);
    }

    @Test
    void barePipeDelimiter() {
        ChunkExtraction found = parse("pipe-delimiter.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::type, ExtractedEntity::description)
                .containsExactly(
                        tuple("jtokkit", "technology", "Java tokenizer that counts cl100k_base tokens offline."),
                        tuple(
                                "MarkdownChunker",
                                "concept",
                                "Splits documents along headings and turns within a token budget."));
        assertThat(found.relations())
                .containsExactly(new ExtractedRelation(
                        "MarkdownChunker", "jtokkit", "token counting", "The chunker counts tokens with jtokkit.", 9));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void markdownTableRowsAreRecordsAndItsHeaderIsNot() {
        ChunkExtraction found = parse("markdown-table.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name)
                .containsExactly("Kafka Streams", "graph-dirty topic");
        assertThat(found.relations())
                .extracting(ExtractedRelation::keywords, ExtractedRelation::strength)
                .containsExactly(tuple("consumes", 8.0));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void duplicatesMergeByIdentityKeepingFirstSpellingAndDistinctDescriptions() {
        ChunkExtraction found = parse("duplicates-case-quotes.txt");
        assertThat(found.entities())
                .containsExactly(
                        new ExtractedEntity(
                                "Kafka",
                                "technology",
                                "Event log between the services, keyed by tenant.\n"
                                        + "Runs as a single KRaft broker in tests."),
                        new ExtractedEntity(
                                "KRaft", "concept", "Kafka's own consensus protocol, replacing ZooKeeper."));
        assertThat(found.relations())
                .containsExactly(new ExtractedRelation(
                        "Kafka",
                        "KRaft",
                        "consensus, metadata",
                        "Kafka runs in KRaft mode.\nThe broker uses KRaft instead of ZooKeeper.",
                        8));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void recordsWithEmptyNamesAreDroppedAndCounted() {
        ChunkExtraction found = parse("empty-names.txt");
        assertThat(found.entities()).extracting(ExtractedEntity::name).containsExactly("Maven Wrapper");
        assertThat(found.relations()).isEmpty();
        assertThat(found.droppedRecords()).isEqualTo(3);
    }

    @Test
    void relationToItselfIsDroppedAndCounted() {
        ChunkExtraction found = parse("self-relation.txt");
        assertThat(found.entities()).extracting(ExtractedEntity::name).containsExactly("OfflineEmbedder");
        assertThat(found.relations())
                .containsExactly(new ExtractedRelation(
                        "OfflineEmbedder",
                        "onnxruntime",
                        "inference runtime",
                        "The embedder runs the quantised model with onnxruntime.",
                        1.0));
        assertThat(found.droppedRecords()).isEqualTo(1);
    }

    @Test
    void strengthThatIsMissingOrNotANumberDefaultsToOne() {
        ChunkExtraction found = parse("strength-not-numeric.txt");
        assertThat(found.relations())
                .extracting(ExtractedRelation::target, ExtractedRelation::keywords, ExtractedRelation::strength)
                .containsExactly(
                        tuple("pgvector", "vector search", 1.0),
                        tuple("MCP", "protocol, clients", 1.0),
                        tuple("HTTP API", "serves", 8.0),
                        tuple("Tenant API Keys", "authentication", 0.75),
                        tuple("Hybrid Mode", "retrieval mode", 7.0));
        assertThat(found.relations().get(1).description())
                .isEqualTo("Claude Desktop reaches the query service over MCP.");
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void jsonObjectInsteadOfTuples() {
        ChunkExtraction found = parse("json-object.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::type)
                .containsExactly(tuple("Ollama", "organization"), tuple("llama3.1:8b", "model"));
        assertThat(found.relations())
                .containsExactly(new ExtractedRelation(
                        "Ollama", "llama3.1:8b", "serves, local inference", "Ollama serves the model.", 7));
        assertThat(found.keywords()).containsExactly("local models", "tenants");
        assertThat(found.droppedRecords()).isEqualTo(1);
    }

    @Test
    void jsonArrayInsideAFence() {
        ChunkExtraction found = parse("json-array-in-fence.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::type)
                .containsExactly(tuple("Micrometer", "technology"), tuple("Prometheus", "technology"));
        assertThat(found.relations())
                .extracting(ExtractedRelation::source, ExtractedRelation::keywords, ExtractedRelation::strength)
                .containsExactly(tuple("Micrometer", "metrics export", 9.0));
        assertThat(found.droppedRecords()).isEqualTo(1);
    }

    @Test
    void jsonCutOffKeepsEveryElementBeforeTheCut() {
        ChunkExtraction found = parse("json-truncated.txt");
        assertThat(found.entities()).extracting(ExtractedEntity::name).containsExactly("Spotless");
        assertThat(found.droppedRecords()).isEqualTo(1);
    }

    @Test
    void tuplesAmongProseHeadingsAndBullets() {
        ChunkExtraction found = parse("mixed-prose-bullets.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name)
                .containsExactly("SpecStory", "Claude Desktop", "docs/design.md");
        assertThat(found.relations())
                .extracting(ExtractedRelation::source, ExtractedRelation::target)
                .containsExactly(tuple("SpecStory", "docs/design.md"));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void completionMarkerAnywhereSeparatesRecords() {
        ChunkExtraction found = parse("completion-marker-odd-places.txt");
        assertThat(found.entities()).extracting(ExtractedEntity::name).containsExactly("Debezium", "Outbox Table");
        assertThat(found.relations())
                .extracting(ExtractedRelation::keywords, ExtractedRelation::strength)
                .containsExactly(tuple("change data capture", 4.0));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void recordsRunTogetherOnOneLine() {
        ChunkExtraction found = parse("run-on-records.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name)
                .containsExactly("Kafka Connect", "WorkerSinkTask");
        assertThat(found.relations())
                .containsExactly(new ExtractedRelation(
                        "WorkerSinkTask",
                        "Kafka Connect",
                        "part of",
                        "WorkerSinkTask is one of Kafka Connect's task types.",
                        1.0));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void misspelledAndPlaceholderDelimitersAndQuotedCommas() {
        ChunkExtraction found = parse("misspelled-delimiters.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name)
                .containsExactly("Awaitility", "JUnit", "Surefire", "Testcontainers");
        assertThat(found.entities().getLast().description())
                .isEqualTo("Starts PostgreSQL in Docker, when an engine exists.");
        assertThat(found.relations())
                .extracting(ExtractedRelation::source, ExtractedRelation::target, ExtractedRelation::strength)
                .containsExactly(tuple("Awaitility", "JUnit", 5.0));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void missingQuotesAndParentheses() {
        ChunkExtraction found = parse("missing-quotes-and-parens.txt");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::description)
                .containsExactly(
                        tuple("Jackson", "JSON library for messages and the OpenAI wire format."),
                        tuple("Picocli", "Command-line parser behind the hybridrag command."),
                        tuple("jtokkit", "Counts tokens offline"));
        assertThat(found.relations())
                .containsExactly(new ExtractedRelation(
                        "Picocli", "Jackson", "output format", "The CLI prints JSON with Jackson.", 3));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void windowsLineEndings() {
        String answer = """
                entity<|#|>Docker Compose<|#|>technology<|#|>Runs the shared-PostgreSQL pattern.
                entity<|#|>compose/shared.yml<|#|>file<|#|>Compose file for one shared server.
                relation<|#|>Docker Compose<|#|>compose/shared.yml<|#|>deployment<|#|>Compose starts it from the file.
                <|COMPLETE|>
                """.replace("\n", "\r\n");
        ChunkExtraction found = parser.parse(answer);
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::description)
                .containsExactly(
                        tuple("Docker Compose", "Runs the shared-PostgreSQL pattern."),
                        tuple("compose/shared.yml", "Compose file for one shared server."));
        assertThat(found.relations())
                .extracting(ExtractedRelation::keywords, ExtractedRelation::description)
                .containsExactly(tuple("deployment", "Compose starts it from the file."));
        assertThat(found.droppedRecords()).isZero();
    }

    @Test
    void garbageWithDelimitersCountsAsDroppedRecords() {
        ChunkExtraction found = parse("garbage.txt");
        assertThat(found.entities()).isEmpty();
        assertThat(found.relations()).isEmpty();
        assertThat(found.keywords()).isEmpty();
        assertThat(found.droppedRecords()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n", "I could not find any entities in this text.", "```\n```", "[1, 2, 3]"})
    void proseOrNothingIsAnEmptyExtraction(String answer) {
        assertThat(parser.parse(answer)).isEqualTo(ChunkExtraction.empty());
    }

    @Test
    void pathologicalAnswersNeitherOverflowNorCrawl() {
        // Runs like these once overflowed the regex stack or took quadratic time.
        List<String> answers = List.of(
                "<" + " |".repeat(50_000),
                "a" + " ".repeat(200_000) + "b",
                "(\"entity\"<|>a<|>b<|>c" + ",".repeat(200_000) + "x",
                "\n".repeat(200_000) + "[",
                "[".repeat(5_000));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> answers.forEach(parser::parse));
    }

    @Test
    void entityTypeOutsideTheListIsKeptInLowerCaseAndMissingTypeIsOther() {
        ChunkExtraction found = parser.parse("""
                ("entity"<|>"max.poll.records"<|>"Config Setting"<|>"Caps the records one poll returns.")##
                ("entity"<|>"Kafka"<|>""<|>"Event log.")##
                ("entity"<|>"Cooperative Assignor"<|>"Strategy that moves only the partitions that must move.")##
                <|COMPLETE|>""");
        assertThat(found.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::type, ExtractedEntity::description)
                .containsExactly(
                        tuple("max.poll.records", "config_setting", "Caps the records one poll returns."),
                        tuple("Kafka", "other", "Event log."),
                        tuple(
                                "Cooperative Assignor",
                                "other",
                                "Strategy that moves only the partitions that must move."));
    }

    @Test
    void thePromptsOwnExamplesParseCleanly() {
        String examples = ExtractionExamples.TEXT;
        String firstOutput = examples.substring(examples.indexOf("Output:"), examples.indexOf("Example 2:"));
        ChunkExtraction found = parser.parse(firstOutput);
        assertThat(found.entities()).hasSize(6);
        assertThat(found.relations()).hasSize(3);
        assertThat(found.keywords()).hasSize(4);
        assertThat(found.droppedRecords()).isZero();
    }

    private ChunkExtraction parse(String fixture) {
        try (InputStream in = getClass().getResourceAsStream("/extraction-outputs/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
