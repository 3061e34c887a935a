package dev.hybridrag.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final Instant MTIME = Instant.parse("2026-11-23T08:00:00.123Z");

    @Test
    void fileEventRoundTrips() {
        FileEvent event = new FileEvent(
                "default", "notes/a b.md", FileOperation.MODIFIED, "abc", 12, MTIME, 42, "# Título\n\nünïcode ✓");
        assertThat(MessageCodec.decode(MessageCodec.encode(event), FileEvent.class))
                .isEqualTo(event);
    }

    @Test
    void extractionRecordRoundTripsWithVectors() {
        ExtractionRecord record = new ExtractionRecord(
                "team_a",
                "x.md",
                FileOperation.CREATED,
                "h",
                3,
                MTIME,
                7,
                "bge-small-en-v1.5-q",
                3,
                "offline-heuristic-v1",
                List.of(new ChunkRecord(
                        "chunk-1", 0, "text", 1, new float[] {0.1f, -0.2f, 1e-7f}, List.of("kafka", "brokers"))),
                List.of(new EntityMention("chunk-1", "Kafka", "technology", "a broker")),
                List.of(new RelationMention("chunk-1", "Kafka", "PostgreSQL", "stores", "feeds", 1.0)),
                List.of("chunk-2"),
                "");
        ExtractionRecord decoded = MessageCodec.decode(MessageCodec.encode(record), ExtractionRecord.class);
        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.chunks().getFirst().embedding()).containsExactly(0.1f, -0.2f, 1e-7f);
    }

    @Test
    void vectorsTravelAsCompactExactBytesAndOldArraysStillRead() {
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) Math.sin(i * 0.37) / 19.7f;
        }
        ChunkRecord chunk = new ChunkRecord("chunk-1", 0, "text", 1, vector, List.of());
        byte[] encoded = MessageCodec.encode(chunk);
        byte[] asNumbers = ("{\"id\":\"chunk-1\",\"index\":0,\"content\":\"text\",\"tokens\":1,\"embedding\":"
                        + java.util.Arrays.toString(vector) + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(MessageCodec.decode(encoded, ChunkRecord.class).embedding()).containsExactly(vector);
        assertThat(MessageCodec.decode(asNumbers, ChunkRecord.class).embedding())
                .containsExactly(vector);
        assertThat((long) encoded.length)
                .isLessThan(asNumbers.length / 2)
                .isLessThan(MessageCodec.vectorBytes(384) + 120);
        assertThatThrownBy(() -> MessageCodec.decode(
                        "{\"id\":\"c\",\"content\":\"t\",\"embedding\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8),
                        ChunkRecord.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() {
        String json = """
                {"tenant":"default","path":"a.md","operation":"DELETED","contentHash":"","size":0,
                 "mtime":"2026-11-23T08:00:00Z","version":1,"content":"","addedLater":true}""";
        FileEvent event = MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8), FileEvent.class);
        assertThat(event.operation()).isEqualTo(FileOperation.DELETED);
    }

    @Test
    void garbageAndInvalidTenantsAreMalformed() {
        assertThatThrownBy(() -> MessageCodec.decode("not json".getBytes(StandardCharsets.UTF_8), FileEvent.class))
                .isInstanceOf(MalformedMessageException.class);
        String badTenant = """
                {"tenant":"Robert'); DROP TABLE documents;--","path":"a.md","operation":"CREATED",
                 "mtime":"2026-11-23T08:00:00Z","version":1}""";
        assertThatThrownBy(() -> MessageCodec.decode(badTenant.getBytes(StandardCharsets.UTF_8), FileEvent.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageNotContaining("DROP TABLE");
        assertThatThrownBy(() -> MessageCodec.decode(null, FileEvent.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void keysCarryTenantAndPath() {
        DocumentKey key = DocumentKey.parse("team_a/sub/dir/file.md");
        assertThat(key).isEqualTo(new DocumentKey("team_a", "sub/dir/file.md"));
        assertThat(key.asString()).isEqualTo("team_a/sub/dir/file.md");
    }
}
