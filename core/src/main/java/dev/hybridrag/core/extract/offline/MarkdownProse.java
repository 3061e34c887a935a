package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a markdown chunk as prose blocks plus the lines of its shell code blocks. Other code blocks and the bodies
 * of {@code <details>} (SpecStory's tool-call transcripts: file listings, search hits) are skipped: they are large,
 * and what they name is mostly noise. Markdown code blocks are read as prose, since they hold specs and notes.
 */
final class MarkdownProse {

    record ChunkText(List<ProseBlock> prose, List<String> shellLines) {}

    private static final int MAX_SHELL_LINES = 40;
    private static final Set<String> SHELLS = WordList.of("bash sh shell zsh console terminal fish powershell ps1 cmd");
    private static final Set<String> MARKDOWN = WordList.of("markdown md");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)[\\s#]*$");
    private static final Pattern TURN = Pattern.compile("^_?\\*\\*(User|Assistant)\\*\\*_?\\s*$");
    private static final Pattern SEPARATOR = Pattern.compile("^\\s{0,3}([-*_=]\\s*){3,}$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)])\\s+(?:\\[[ xX]]\\s+)?(.*)");
    private static final Pattern BOLD_LABEL = Pattern.compile("^\\*\\*([^*]{2,80}?):?\\*\\*:?\\s+(.*)");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|(.*)\\|\\s*$");
    private static final Pattern TABLE_RULE = Pattern.compile("^[\\s|:-]*-[\\s|:-]*$");
    private static final Pattern QUOTE = Pattern.compile("^\\s*(>\\s?)+");
    private static final Pattern SUMMARY = Pattern.compile("<summary>(.*?)(?:•.*)?</summary>");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->");

    private final List<ProseBlock> prose = new ArrayList<>();
    private final List<String> shellLines = new ArrayList<>();
    private final StringBuilder paragraph = new StringBuilder();
    private String fence;
    private String fenceLanguage = "";
    private int detailsDepth;
    private boolean inComment;
    private boolean afterCode;

    private MarkdownProse() {}

    static ChunkText read(String markdown) {
        MarkdownProse reader = new MarkdownProse();
        List<String> lines = List.of(markdown.split("\r?\n"));
        if (CodeLines.startsInsideFence(lines)) {
            reader.fence = "```";
        }
        if (CodeLines.startsInsideDetails(lines)) {
            reader.detailsDepth = 1;
        }
        for (String line : lines) {
            reader.line(line);
        }
        reader.flush();
        return new ChunkText(List.copyOf(reader.prose), List.copyOf(reader.shellLines));
    }

    private void line(String raw) {
        if (fence != null) {
            insideFence(raw);
            return;
        }
        Matcher opening = CodeLines.FENCE.matcher(raw);
        if (opening.matches()) {
            flush();
            fence = opening.group(1);
            fenceLanguage = opening.group(2).toLowerCase(Locale.ROOT);
            return;
        }
        String line = withoutComments(raw);
        if (line.contains("<details")) {
            detailsDepth++;
        }
        Matcher summary = SUMMARY.matcher(line);
        boolean summarised = summary.find();
        if (summarised) {
            flush();
            add(summary.group(1), false);
        }
        if (line.contains("</details>")) {
            detailsDepth = Math.max(0, detailsDepth - 1);
        } else if (detailsDepth == 0 && !summarised) {
            proseLine(line);
        }
    }

    private void insideFence(String line) {
        String stripped = line.strip();
        if (stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == fence.charAt(0))) {
            flush();
            fence = null;
        } else if (detailsDepth > 0) {
            return;
        } else if (SHELLS.contains(fenceLanguage) && shellLines.size() < MAX_SHELL_LINES && !stripped.isEmpty()) {
            shellLines.add(stripped);
        } else if (MARKDOWN.contains(fenceLanguage)) {
            proseLine(line);
        }
    }

    private String withoutComments(String line) {
        String text = COMMENT.matcher(line).replaceAll(" ");
        if (inComment) {
            int end = text.indexOf("-->");
            inComment = end < 0;
            text = inComment ? "" : text.substring(end + 3);
        }
        int start = text.indexOf("<!--");
        if (start >= 0) {
            inComment = true;
            text = text.substring(0, start);
        }
        return text;
    }

    private void proseLine(String line) {
        boolean wasAfterCode = afterCode;
        afterCode = false;
        Matcher matcher;
        if (line.isBlank()
                || TURN.matcher(line).matches()
                || SEPARATOR.matcher(line).matches()) {
            flush();
        } else if ((matcher = HEADING.matcher(line)).matches()) {
            flush();
            add(matcher.group(1), true);
        } else if ((matcher = TABLE_ROW.matcher(line)).matches()) {
            flush();
            if (!TABLE_RULE.matcher(line).matches()) {
                add(matcher.group(1).replace("|", " ; "), false);
            }
        } else if (CodeLines.looksLikeCode(line)
                || (wasAfterCode && line.strip().split("\\s+").length < 4)) {
            // a short line right after code is mostly code too: the rest of a wrapped stack frame
            flush();
            afterCode = true;
        } else if ((matcher = LIST_ITEM.matcher(line)).matches()) {
            flush();
            startParagraph(matcher.group(1));
        } else {
            String text = QUOTE.matcher(line).replaceFirst("");
            if (paragraph.isEmpty()) {
                startParagraph(text);
            } else {
                paragraph.append(' ').append(text.strip());
            }
        }
    }

    /** A paragraph that opens with a bold label ("**Focus on Errors**: ...") gets the label as its own heading. */
    private void startParagraph(String text) {
        Matcher label = BOLD_LABEL.matcher(text.strip());
        if (label.matches()) {
            add(label.group(1), true);
            paragraph.append(label.group(2));
        } else {
            paragraph.append(text.strip());
        }
    }

    private void flush() {
        if (!paragraph.isEmpty()) {
            add(paragraph.toString(), false);
            paragraph.setLength(0);
        }
    }

    private void add(String markdown, boolean heading) {
        ProseBlock block = InlineMarkdown.clean(markdown, heading);
        if (!block.text().isBlank()) {
            prose.add(block);
        }
    }
}
