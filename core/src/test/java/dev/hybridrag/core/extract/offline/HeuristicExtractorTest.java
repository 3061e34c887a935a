package dev.hybridrag.core.extract.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.EntityNames;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.extract.ExtractedRelation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeuristicExtractorTest {

    // the models take a fifth of a second to load; one extractor serves every test, as it serves every thread
    static final HeuristicExtractor EXTRACTOR = new HeuristicExtractor();

    private static final String NOTES = """
            # Minsky storage notes

            Eugene moved the Minsky task store from SQLite to PostgreSQL with pgvector last week.
            The new backend publishes every change to kafka, and a small bun worker consumes it.
            Run `bun test` before you push, and `bun install` after pulling.
            The entry point is `src/cli.ts`; the database code lives in src/storage/db.ts.
            We pinned Apache Kafka 4.3.1 because kafka-streams 4.4.0 is not on Maven Central yet.
            The `TaskService` calls `getCurrentSession()` and reads OPENAI_API_KEY from the environment.
            This works with Node.js too, but bun is faster. See the README.md for details.

            ```ts
            const store = new TaskStore(process.env.DATABASE_URL);
            ```
            """;

    @Test
    void findsTheObviousEntitiesOfATechnicalText() {
        Map<String, ExtractedEntity> entities = byKey(EXTRACTOR.extract(NOTES));

        assertThat(entities)
                .containsKeys(
                        "bun",
                        "kafka",
                        "pgvector",
                        "postgresql",
                        "sqlite",
                        "node.js",
                        "src/cli.ts",
                        "src/storage/db.ts",
                        "readme.md",
                        "bun test",
                        "bun install",
                        "kafka 4.3.1",
                        "eugene",
                        "minsky",
                        "taskservice",
                        "getcurrentsession",
                        "openai_api_key");
        assertThat(typeOf(entities, "bun")).isEqualTo("technology");
        assertThat(typeOf(entities, "kafka")).isEqualTo("technology");
        assertThat(typeOf(entities, "pgvector")).isEqualTo("technology");
        assertThat(typeOf(entities, "postgresql")).isEqualTo("technology");
        assertThat(typeOf(entities, "src/cli.ts")).isEqualTo("file");
        assertThat(typeOf(entities, "bun test")).isEqualTo("command");
        assertThat(typeOf(entities, "kafka 4.3.1")).isEqualTo("version");
        assertThat(typeOf(entities, "eugene")).isEqualTo("person");
        assertThat(typeOf(entities, "minsky")).isIn("concept", "organization", "technology");
        assertThat(typeOf(entities, "taskservice")).isEqualTo("identifier");
        assertThat(typeOf(entities, "openai_api_key")).isEqualTo("identifier");
        // lower-case mentions are shown with the gazetteer's spelling
        assertThat(entities.get("kafka").name()).isEqualTo("Kafka");
        assertThat(entities.get("bun").name()).isEqualTo("Bun");
        assertThat(entities.get("src/cli.ts").description())
                .isEqualTo("The entry point is `src/cli.ts`; the database code lives in src/storage/db.ts.");
    }

    @Test
    void leavesOutWordsMarkdownAndCode() {
        Map<String, ExtractedEntity> entities = byKey(EXTRACTOR.extract(NOTES));

        assertThat(entities.keySet())
                .doesNotContain("the", "this", "we", "run", "see", "```", "#", "const", "store", "taskstore")
                .doesNotContain("database_url", "process.env", "minsky storage notes")
                .allSatisfy(key -> assertThat(key).hasSizeGreaterThan(1).doesNotContain("`", "*", "#"));
        assertThat(entities.values())
                .allSatisfy(entity -> assertThat(entity.name()).isEqualTo(EntityNames.display(entity.name())));
    }

    @Test
    void changelogVersionsAndSearchResultLineNumbersAreNotEntities() {
        String changelog = """
                ## Version 0.36.0

                To query the backlog, use `minsky tasks list --json` in Release 0.37 and later.

                Searched the code for the error; it is reported in two places:
                `file:///Users/dev/minsky/src/commands/tasks/get.ts`; L18; `console.error('no task');`
                `file:///Users/dev/minsky/src/commands/session/start.ts`; L2883; `console.error('no session');`
                """;

        Map<String, ExtractedEntity> entities = byKey(EXTRACTOR.extract(changelog));

        assertThat(entities).containsKey("minsky tasks list");
        assertThat(entities.keySet())
                .noneMatch(key -> key.contains("0.36") || key.contains("0.37") || key.startsWith("version"))
                .doesNotContain("l18", "l2883", "release");
    }

    @Test
    void relatesEntitiesNamedInOneSentenceWithThatSentenceAsDescription() {
        ChunkExtraction extraction = EXTRACTOR.extract(NOTES);

        ExtractedRelation store = relation(extraction, "pgvector", "postgresql");
        assertThat(store.description())
                .isEqualTo("Eugene moved the Minsky task store from SQLite to PostgreSQL with pgvector last week.");
        assertThat(store.strength()).isEqualTo(1);
        assertThat(relation(extraction, "eugene", "sqlite").keywords()).isEqualTo("moved");
        assertThat(relation(extraction, "kafka", "kafka 4.3.1").keywords()).isEqualTo("version");
        assertThat(relation(extraction, "bun test", "bun install").description())
                .startsWith("Run `bun test`");
        // bun and kafka share one sentence; bun and Node.js another
        assertThat(relation(extraction, "bun", "node.js").description())
                .isEqualTo("This works with Node.js too, but bun is faster.");
        assertThat(extraction.relations())
                .noneMatch(relation -> EntityNames.key(relation.source()).equals(EntityNames.key(relation.target())));
    }

    @Test
    void strengthCountsTheSentencesAPairSharesAndKeywordsNameTheLeadingEntities() {
        ChunkExtraction extraction = EXTRACTOR.extract(
                "Kafka feeds PostgreSQL. Later Kafka feeds PostgreSQL again. Kafka also feeds PostgreSQL at night.");

        assertThat(relation(extraction, "kafka", "postgresql").strength()).isEqualTo(3);
        assertThat(relation(extraction, "kafka", "postgresql").description()).isEqualTo("Kafka feeds PostgreSQL.");
        assertThat(extraction.keywords()).contains("Kafka", "PostgreSQL");
    }

    @Test
    void emptyTextAndPureCodeGiveNothing() {
        assertThat(EXTRACTOR.extract("")).isEqualTo(ChunkExtraction.empty());
        assertThat(EXTRACTOR.extract(" \n\n---\n")).isEqualTo(ChunkExtraction.empty());
        String code = "```java\npublic final class Ledger {\n    void post(Entry entry) {}\n}\n```\n";
        assertThat(EXTRACTOR.extract(code).entities()).isEmpty();
        assertThat(EXTRACTOR.extract("```\n").entities()).isEmpty();
    }

    @Test
    void shellBlocksGiveTheirCommandsOnly() {
        ChunkExtraction extraction =
                EXTRACTOR.extract("```bash\n$ bun install\ngit push origin main && npm run build -- --watch\n```\n");

        assertThat(extraction.entities())
                .extracting(ExtractedEntity::name, ExtractedEntity::type)
                .containsExactlyInAnyOrder(
                        tuple("bun install", "command"),
                        tuple("git push", "command"),
                        tuple("npm run build", "command"));
        assertThat(byKey(extraction).get("git push").description())
                .isEqualTo("git push origin main && npm run build -- --watch");
    }

    @Test
    void hugeInputIsCapped() {
        String huge = "Zebra".repeat(5_000) + "\n\n" + (NOTES + "\n").repeat(300);
        ChunkExtraction extraction = EXTRACTOR.extract(huge);

        assertThat(extraction.entities()).hasSizeLessThanOrEqualTo(40).isNotEmpty();
        assertThat(extraction.relations()).hasSizeLessThanOrEqualTo(80);
        assertThat(extraction.keywords()).hasSizeLessThanOrEqualTo(10);
        assertThat(byKey(extraction).get("kafka").name()).isEqualTo("Kafka");
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<String> texts = List.of(
                NOTES,
                "Kafka feeds PostgreSQL through Debezium.",
                "Run `docker compose up` and open http://localhost:8080 in Firefox.",
                "Ada Lovelace wrote notes for the Analytical Engine.");
        List<ChunkExtraction> expected = texts.stream().map(EXTRACTOR::extract).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ChunkExtraction>>> runs = IntStream.range(0, 8)
                    .mapToObj(run -> pool.submit(
                            () -> texts.stream().map(EXTRACTOR::extract).toList()))
                    .toList();
            for (Future<List<ChunkExtraction>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void identifiesItselfForTheCache() {
        assertThat(EXTRACTOR.cacheIdentity())
                .isEqualTo(HeuristicExtractor.CACHE_IDENTITY)
                .startsWith("offline-heuristic-");
    }

    static Map<String, ExtractedEntity> byKey(ChunkExtraction extraction) {
        return extraction.entities().stream()
                .collect(Collectors.toMap(entity -> EntityNames.key(entity.name()), Function.identity()));
    }

    static ExtractedRelation relation(ChunkExtraction extraction, String oneKey, String otherKey) {
        return extraction.relations().stream()
                .filter(relation -> {
                    String source = EntityNames.key(relation.source());
                    String target = EntityNames.key(relation.target());
                    return (source.equals(oneKey) && target.equals(otherKey))
                            || (source.equals(otherKey) && target.equals(oneKey));
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no relation " + oneKey + " -- " + otherKey + " in " + extraction.relations()));
    }

    private static String typeOf(Map<String, ExtractedEntity> entities, String key) {
        return entities.get(key).type();
    }
}
