package dev.hybridrag.core.extract.offline;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paragraph, list item, heading or table row with its markdown removed. Inline code spans are replaced by marks
 * ({@link WordTokenizer#CODE_MARK}) so that neither the sentence detector nor the tokenizer cuts into them.
 */
record ProseBlock(String text, List<String> codeSpans, boolean heading) {

    private static final Pattern MARK = Pattern.compile(WordTokenizer.CODE_MARK + "(\\d+)" + WordTokenizer.CODE_MARK);

    ProseBlock {
        codeSpans = List.copyOf(codeSpans);
    }

    /** A piece of {@link #text()} with its code spans written back in backticks, for descriptions. */
    String restore(String fragment) {
        if (codeSpans.isEmpty()) {
            return fragment;
        }
        Matcher matcher = MARK.matcher(fragment);
        StringBuilder restored = new StringBuilder();
        while (matcher.find()) {
            String code = codeSpans.get(Integer.parseInt(matcher.group(1)));
            matcher.appendReplacement(restored, Matcher.quoteReplacement("`" + code + "`"));
        }
        return matcher.appendTail(restored).toString();
    }
}
