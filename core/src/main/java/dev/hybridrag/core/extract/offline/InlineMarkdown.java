package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes inline markdown from one block of text: links, images, emphasis, HTML tags and entities, escapes. */
final class InlineMarkdown {

    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\](?:\\([^)]*\\)|\\[[^\\]]*\\])");
    private static final Pattern AUTOLINK = Pattern.compile("<(?:https?|mailto):[^>]+>");
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][\\w-]*(?:\\s[^<>]*)?/?>");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>])");
    private static final Pattern EMPHASIS_OPEN = Pattern.compile("(?<![\\p{L}\\p{N}])[*_~]{1,3}(?=\\S)");
    private static final Pattern EMPHASIS_CLOSE = Pattern.compile("(?<=\\S)[*_~]{1,3}(?![\\p{L}\\p{N}])");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private InlineMarkdown() {}

    static ProseBlock clean(String markdown, boolean heading) {
        List<String> codeSpans = new ArrayList<>();
        Matcher code = CODE_SPAN.matcher(markdown);
        StringBuilder marked = new StringBuilder();
        while (code.find()) {
            String span = code.group(2).strip();
            String mark = span.isEmpty()
                    ? " "
                    : " " + WordTokenizer.CODE_MARK + codeSpans.size() + WordTokenizer.CODE_MARK + " ";
            if (!span.isEmpty()) {
                codeSpans.add(span);
            }
            code.appendReplacement(marked, Matcher.quoteReplacement(mark));
        }
        String text = code.appendTail(marked).toString();
        text = IMAGE.matcher(text).replaceAll(" ");
        text = LINK.matcher(text).replaceAll("$1");
        text = AUTOLINK.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        text = text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        text = ESCAPE.matcher(text).replaceAll("$1");
        text = EMPHASIS_OPEN.matcher(text).replaceAll("");
        text = EMPHASIS_CLOSE.matcher(text).replaceAll("");
        // marks were padded with spaces; tidy them away before punctuation so descriptions read naturally
        text = SPACES.matcher(text)
                .replaceAll(" ")
                .replaceAll(" ([.,;:!?)])(?=\\s|$)", "$1")
                .replace("( ", "(")
                .replace(" )", ")")
                .strip();
        return new ProseBlock(text, codeSpans, heading);
    }
}
