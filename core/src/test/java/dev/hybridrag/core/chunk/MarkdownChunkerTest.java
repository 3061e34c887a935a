package dev.hybridrag.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MarkdownChunkerTest {

    private final TokenCounter tokens = new TokenCounter();
    private final MarkdownChunker chunker = new MarkdownChunker(tokens, 120, 20);

    @Test
    void emptyDocumentHasNoChunks() {
        assertThat(chunker.split("")).isEmpty();
        assertThat(chunker.split("\n\n---\n\n")).isEmpty();
    }

    @Test
    void everyChunkFitsTheBudget() {
        String doc = IntStream.range(0, 40)
                .mapToObj(i -> "## Section " + i + "\n\n" + "Kafka and PostgreSQL keep the facts. ".repeat(i % 7 + 1))
                .collect(Collectors.joining("\n\n"));
        List<Chunk> chunks = chunker.split(doc);
        assertThat(chunks).hasSizeGreaterThan(5);
        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(tokens.count(chunk.content())).isLessThanOrEqualTo(120));
        assertThat(chunks)
                .extracting(Chunk::index)
                .containsExactlyElementsOf(
                        IntStream.range(0, chunks.size()).boxed().toList());
    }

    @Test
    void specStoryTurnsAreNotCutAcrossWhenTheyFit() {
        String user = "_**User**_\n\nHow do I start the MCP server on another port?";
        String assistant = "_**Assistant**_\n\nPass --port 9090 to the start command. " + "It binds there. ".repeat(25);
        List<Chunk> chunks = chunker.split(user + "\n\n---\n\n" + assistant);
        assertThat(chunks).anySatisfy(c -> assertThat(c.content()).contains("How do I start the MCP server"));
        assertThat(chunks)
                .anySatisfy(c ->
                        assertThat(c.content()).startsWith("_**Assistant**_").contains("--port 9090"));
        assertThat(chunks).noneSatisfy(c -> assertThat(c.content()).contains("---"));
    }

    @Test
    void codeFenceStaysWholeWhenItFits() {
        String doc = "# Title\n\nIntro.\n\n```ts\n# not a heading\n---\nconst x = 1;\n```\n\nAfter.";
        List<Chunk> chunks = chunker.split(doc);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().content()).contains("```ts\n# not a heading\n---\nconst x = 1;\n```");
    }

    @Test
    void oversizedBlockIsSplitWithinBudget() {
        String bigFence = "```\n"
                + IntStream.range(0, 400)
                        .mapToObj(i -> "line " + i + " of generated output")
                        .collect(Collectors.joining("\n"))
                + "\n```";
        String giantLine = "x".repeat(20_000);
        List<Chunk> chunks = chunker.split("# Log\n\n" + bigFence + "\n\n" + giantLine);
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(tokens.count(chunk.content())).isLessThanOrEqualTo(120));
        String joined = chunks.stream().map(Chunk::content).collect(Collectors.joining("\n"));
        assertThat(joined).contains("line 0 of", "line 399 of");
    }

    @Test
    void appendingATurnKeepsTheIdsOfEarlierChunks() {
        String base = IntStream.range(0, 12)
                .mapToObj(i -> "_**User**_\n\nQuestion " + i + " about bun and kafka.\n\n---\n\n_**Assistant**_\n\n"
                        + "Answer " + i + ". ".repeat(30))
                .collect(Collectors.joining("\n\n---\n\n"));
        List<String> before = chunker.split(base).stream().map(Chunk::id).toList();
        List<String> after = chunker.split(base + "\n\n---\n\n_**User**_\n\nOne more question?").stream()
                .map(Chunk::id)
                .toList();
        assertThat(after.subList(0, before.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
    }

    @Test
    void chunkIdsAreContentHashes() {
        List<Chunk> first = chunker.split("# A\n\nsame text");
        List<Chunk> second = chunker.split("# A\n\nsame text");
        assertThat(first.getFirst().id()).isEqualTo(second.getFirst().id()).startsWith("chunk-");
        assertThat(chunker.split("# A\n\nother text").getFirst().id())
                .isNotEqualTo(first.getFirst().id());
    }
}
