package dev.hybridrag.core.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts markdown into structural blocks: a block starts at a heading or a SpecStory turn marker, ends at a
 * {@code ---} separator, and a fenced code block is never cut by what it contains.
 */
final class MarkdownBlocks {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s.*");
    private static final Pattern TURN = Pattern.compile("^_\\*\\*(User|Assistant)\\*\\*_\\s*$");
    private static final Pattern SEPARATOR = Pattern.compile("^ {0,3}(-{3,}|\\*{3,}|_{3,})\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*");

    private MarkdownBlocks() {}

    static List<String> split(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String openFence = null;
        for (String line : markdown.split("\n", -1)) {
            if (openFence != null) {
                current.append(line).append('\n');
                if (line.strip().startsWith(openFence)) {
                    openFence = null;
                }
                continue;
            }
            var fence = FENCE.matcher(line);
            if (fence.matches()) {
                openFence = fence.group(1);
                current.append(line).append('\n');
            } else if (SEPARATOR.matcher(line).matches()) {
                flush(blocks, current);
            } else if (HEADING.matcher(line).matches() || TURN.matcher(line).matches()) {
                flush(blocks, current);
                current.append(line).append('\n');
            } else {
                current.append(line).append('\n');
            }
        }
        flush(blocks, current);
        return blocks;
    }

    private static void flush(List<String> blocks, StringBuilder current) {
        String block = current.toString().strip();
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        current.setLength(0);
    }
}
