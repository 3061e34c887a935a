package dev.hybridrag.core.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.extract.ExtractedRelation;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.ChatResult;
import dev.hybridrag.core.llm.LlmException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmChunkExtractorTest {

    private static final String CHUNK = "_**User**_\nWhy does the indexer use Kafka Streams for the graph-dirty topic?";

    private static final String FIRST_ANSWER = """
            ("entity"<|>"Kafka Streams"<|>"technology"<|>"Library that coalesces dirty keys.")##
            ("entity"<|>"indexer-worker"<|>"technology"<|>"Service that applies extractions.")##
            ("relationship"<|>"indexer-worker"<|>"Kafka Streams"<|>"It rebuilds keys with Streams."<|>"uses"<|>8)##
            ("content_keywords"<|>"indexing, streams")##
            <|COMPLETE|>""";

    private static final String GLEANING_ANSWER = """
            ("entity"<|>"kafka streams"<|>"technology"<|>"Repeated with another description.")##
            ("entity"<|>"graph-dirty"<|>"concept"<|>"Topic keyed by tenant/entity.")##
            ("relationship"<|>"Kafka Streams"<|>"graph-dirty"<|>"Kafka Streams consumes the topic."<|>"consumes"<|>7)##
            ("relationship"<|>"Kafka Streams"<|>"indexer-worker"<|>"Restated relation."<|>"uses"<|>9)##
            ("content_keywords"<|>"streams, graph")##
            <|COMPLETE|>""";

    /** Answers from a script, in order, and remembers every request. */
    private static final class ScriptedModel implements ChatModel {
        final List<List<ChatMessage>> requests = new ArrayList<>();
        private final List<String> answers;

        ScriptedModel(String... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public String model() {
            return "gpt-4o-mini";
        }

        @Override
        public ChatResult chat(List<ChatMessage> messages) {
            requests.add(List.copyOf(messages));
            return new ChatResult(answers.get(Math.min(requests.size(), answers.size()) - 1), 100, 50);
        }
    }

    @Test
    void gleaningAddsOnlyNewRecords() throws Exception {
        ScriptedModel model = new ScriptedModel(FIRST_ANSWER, GLEANING_ANSWER);
        ChunkExtraction found = new LlmChunkExtractor(model).extract(CHUNK);

        assertThat(found.entities())
                .containsExactly(
                        new ExtractedEntity("Kafka Streams", "technology", "Library that coalesces dirty keys."),
                        new ExtractedEntity("indexer-worker", "technology", "Service that applies extractions."),
                        new ExtractedEntity("graph-dirty", "concept", "Topic keyed by tenant/entity."));
        assertThat(found.relations())
                .containsExactly(
                        new ExtractedRelation(
                                "indexer-worker", "Kafka Streams", "uses", "It rebuilds keys with Streams.", 8),
                        new ExtractedRelation(
                                "Kafka Streams", "graph-dirty", "consumes", "Kafka Streams consumes the topic.", 7));
        assertThat(found.keywords()).containsExactly("indexing", "streams", "graph");
        assertThat(found.droppedRecords()).isZero();
        assertThat(model.requests).hasSize(2);
    }

    @Test
    void gleaningRequestReplaysTheConversation() throws Exception {
        ScriptedModel model = new ScriptedModel(FIRST_ANSWER, GLEANING_ANSWER);
        new LlmChunkExtractor(model).extract(CHUNK);

        List<ChatMessage> first = model.requests.get(0);
        List<ChatMessage> gleaning = model.requests.get(1);
        assertThat(first).extracting(ChatMessage::role).containsExactly("system", "user");
        assertThat(first.get(0).content()).contains("<|>", "##", "<|COMPLETE|>", "person, organization, technology");
        assertThat(first.get(1).content()).contains(CHUNK);
        assertThat(gleaning).extracting(ChatMessage::role).containsExactly("system", "user", "assistant", "user");
        assertThat(gleaning.subList(0, 2)).isEqualTo(first);
        assertThat(gleaning.get(2).content()).isEqualTo(FIRST_ANSWER);
        assertThat(gleaning.get(3).content()).contains("missed", "same record format");
    }

    @Test
    void makesOneCallPlusOnePerGleaningPass() throws Exception {
        String third =
                "(\"entity\"<|>\"RocksDB\"<|>\"technology\"<|>\"State store under Kafka Streams.\")##\n<|COMPLETE|>";
        ScriptedModel model = new ScriptedModel(FIRST_ANSWER, GLEANING_ANSWER, third);
        ChunkExtraction found = new LlmChunkExtractor(model, new ExtractionPrompt(), 2).extract(CHUNK);

        assertThat(model.requests).hasSize(3);
        assertThat(model.requests.get(2)).hasSize(6);
        assertThat(model.requests.get(2).get(4).content()).isEqualTo(GLEANING_ANSWER);
        assertThat(found.entities()).extracting(ExtractedEntity::name).endsWith("RocksDB");
    }

    @Test
    void stopsGleaningWhenAPassFindsNothingNew() throws Exception {
        ScriptedModel model = new ScriptedModel(FIRST_ANSWER, "<|COMPLETE|>", GLEANING_ANSWER);
        ChunkExtraction found = new LlmChunkExtractor(model, new ExtractionPrompt(), 3).extract(CHUNK);

        assertThat(model.requests).hasSize(2);
        assertThat(found.entities()).hasSize(2);
    }

    @Test
    void noGleaningMeansOneCall() throws Exception {
        ScriptedModel model = new ScriptedModel(FIRST_ANSWER);
        ChunkExtraction found = new LlmChunkExtractor(model, new ExtractionPrompt(), 0).extract(CHUNK);

        assertThat(model.requests).hasSize(1);
        assertThat(found.entities()).hasSize(2);
        assertThat(found.relations()).hasSize(1);
    }

    @Test
    void aFailedCallFailsTheChunk() {
        LlmException rejected = new LlmException(LlmException.Kind.REJECTED, "401 from provider");
        ChatModel failing = new ChatModel() {
            @Override
            public String model() {
                return "gpt-4o-mini";
            }

            @Override
            public ChatResult chat(List<ChatMessage> messages) throws LlmException {
                throw rejected;
            }
        };
        assertThatThrownBy(() -> new LlmChunkExtractor(failing).extract(CHUNK)).isSameAs(rejected);
    }

    @Test
    void cacheIdentityNamesTemplateModelGleaningAndTypes() {
        ScriptedModel model = new ScriptedModel(FIRST_ANSWER);
        String identity = new LlmChunkExtractor(model).cacheIdentity();
        assertThat(identity).matches("lightrag-style-v1\\|gpt-4o-mini\\|gleaning=1\\|types=[0-9a-f]{12}");

        assertThat(new LlmChunkExtractor(model, new ExtractionPrompt(), 2).cacheIdentity())
                .isNotEqualTo(identity);
        assertThat(new LlmChunkExtractor(model, new ExtractionPrompt(List.of("person", "technology")), 1)
                        .cacheIdentity())
                .isNotEqualTo(identity);
        assertThat(new LlmChunkExtractor(
                                model,
                                new ExtractionPrompt(List.of(
                                        " Person",
                                        "ORGANIZATION",
                                        "technology",
                                        "concept",
                                        "file",
                                        "command",
                                        "event")),
                                1)
                        .cacheIdentity())
                .isEqualTo(identity);
    }

    @Test
    void configuredTypesReachThePrompt() {
        List<ChatMessage> messages = new ExtractionPrompt(List.of("Service", "topic", "table")).firstPass("text");
        assertThat(messages.get(0).content()).contains("one of [service, topic, table]");
        assertThat(messages.get(1).content()).contains("Entity types: [service, topic, table]");
    }
}
