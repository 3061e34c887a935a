package dev.hybridrag.core.chunk;

import com.knuddels.jtokkit.api.IntArrayList;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits markdown into chunks of at most {@code maxTokens}. Structural blocks (sections, SpecStory turns, code
 * fences) are packed whole while they fit, so an appended turn only changes the last chunks. A block larger than
 * the budget is cut by lines, and a line larger than the budget by tokens, with {@code overlapTokens} of overlap.
 */
public final class MarkdownChunker {

    private final TokenCounter tokens;
    private final int maxTokens;
    private final int overlapTokens;

    public MarkdownChunker(TokenCounter tokens, int maxTokens, int overlapTokens) {
        if (maxTokens < 16 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException(
                    "chunk budget must be at least 16 tokens and overlap under half of it, got " + maxTokens + "/"
                            + overlapTokens);
        }
        this.tokens = tokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public List<Chunk> split(String markdown) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentTokens = 0;
        for (String block : MarkdownBlocks.split(markdown.replace("\r\n", "\n"))) {
            int blockTokens = tokens.count(block);
            if (blockTokens > maxTokens) {
                flush(pieces, current);
                currentTokens = 0;
                pieces.addAll(splitOversized(block));
                continue;
            }
            int joined = currentTokens == 0 ? blockTokens : currentTokens + 1 + blockTokens;
            if (joined > maxTokens) {
                flush(pieces, current);
                joined = blockTokens;
            }
            if (!current.isEmpty()) {
                current.append("\n\n");
            }
            current.append(block);
            currentTokens = joined;
        }
        flush(pieces, current);
        return toChunks(pieces);
    }

    private List<String> splitOversized(String block) {
        List<String> pieces = new ArrayList<>();
        List<String> window = new ArrayList<>();
        int windowTokens = 0;
        for (String line : block.split("\n")) {
            int lineTokens = tokens.count(line) + 1;
            if (lineTokens > maxTokens) {
                addWindow(pieces, window);
                window.clear();
                windowTokens = 0;
                pieces.addAll(splitByTokens(line));
                continue;
            }
            if (windowTokens + lineTokens > maxTokens && !window.isEmpty()) {
                addWindow(pieces, window);
                window = overlapTail(window);
                windowTokens =
                        window.stream().mapToInt(l -> tokens.count(l) + 1).sum();
            }
            window.add(line);
            windowTokens += lineTokens;
        }
        addWindow(pieces, window);
        return pieces;
    }

    // The last lines of a full window, up to the overlap budget, start the next one.
    private List<String> overlapTail(List<String> window) {
        List<String> tail = new ArrayList<>();
        int used = 0;
        for (int i = window.size() - 1; i > 0; i--) {
            int lineTokens = tokens.count(window.get(i)) + 1;
            if (used + lineTokens > overlapTokens) {
                break;
            }
            tail.add(0, window.get(i));
            used += lineTokens;
        }
        return new ArrayList<>(tail);
    }

    private List<String> splitByTokens(String line) {
        IntArrayList all = tokens.encode(line);
        List<String> pieces = new ArrayList<>();
        int step = maxTokens - overlapTokens;
        for (int start = 0; start < all.size(); start += step) {
            int end = Math.min(all.size(), start + maxTokens);
            IntArrayList window = new IntArrayList(end - start);
            for (int i = start; i < end; i++) {
                window.add(all.get(i));
            }
            pieces.add(tokens.decode(window));
            if (end == all.size()) {
                break;
            }
        }
        return pieces;
    }

    private static void addWindow(List<String> pieces, List<String> window) {
        String text = String.join("\n", window).strip();
        if (!text.isEmpty()) {
            pieces.add(text);
        }
    }

    private static void flush(List<String> pieces, StringBuilder current) {
        if (!current.isEmpty()) {
            pieces.add(current.toString());
            current.setLength(0);
        }
    }

    private List<Chunk> toChunks(List<String> pieces) {
        List<Chunk> chunks = new ArrayList<>(pieces.size());
        for (String piece : pieces) {
            chunks.add(new Chunk(ContentHash.chunkId(piece), chunks.size(), piece, tokens.count(piece)));
        }
        return chunks;
    }
}
