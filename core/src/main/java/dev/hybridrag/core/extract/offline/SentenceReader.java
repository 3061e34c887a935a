package dev.hybridrag.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;

/** Cuts prose blocks into sentences and tags their words with Universal Dependencies parts of speech. */
final class SentenceReader {

    // the tagger's beam search costs grow with length; run-on lines (flattened tables, logs) are cut into windows
    private static final int MAX_TOKENS = 80;
    private static final Set<String> ABBREVIATIONS = WordList.of("e.g. i.e. etc. vs. cf. approx.");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…][\"')\\]]*$");

    private final Lent<SentenceDetectorME> detectors;
    private final Lent<POSTaggerME> taggers;

    SentenceReader() {
        SentenceModel sentences = LanguageModels.sentences();
        POSModel partsOfSpeech = LanguageModels.partsOfSpeech();
        this.detectors = new Lent<>(() -> new SentenceDetectorME(sentences));
        this.taggers = new Lent<>(() -> new POSTaggerME(partsOfSpeech));
    }

    List<Sentence> read(ProseBlock block) {
        List<Sentence> sentences = new ArrayList<>();
        for (String text : block.heading() ? List.of(block.text()) : detect(block.text())) {
            List<String> words = WordTokenizer.split(text);
            for (int from = 0; from < words.size(); from += MAX_TOKENS) {
                List<Token> tokens = tag(block, words.subList(from, Math.min(words.size(), from + MAX_TOKENS)));
                String shown = from == 0 && words.size() <= MAX_TOKENS ? text : join(tokens);
                sentences.add(new Sentence(block.restore(shown), tokens, block.heading() || titleCase(tokens)));
            }
        }
        return sentences;
    }

    /**
     * The detector ends a sentence at "e.g." and sometimes inside a name ("bge-small-en-v1.5 model"); a piece ending
     * in an abbreviation or in no full stop at all is glued back to the next one.
     */
    private List<String> detect(String text) {
        List<String> sentences = new ArrayList<>();
        String pending = "";
        for (String sentence : detectors.use(detector -> detector.sentDetect(text))) {
            String joined = pending.isEmpty() ? sentence : pending + " " + sentence;
            int space = joined.lastIndexOf(' ');
            if (ABBREVIATIONS.contains(joined.substring(space + 1).toLowerCase(Locale.ROOT))
                    || !SENTENCE_END.matcher(joined).find()) {
                pending = joined;
            } else {
                sentences.add(joined);
                pending = "";
            }
        }
        if (!pending.isEmpty()) {
            sentences.add(pending);
        }
        return sentences;
    }

    private List<Token> tag(ProseBlock block, List<String> words) {
        // a code span is tagged as the noun "code": it stands where a name would
        String[] input = words.stream()
                .map(word -> WordTokenizer.isCodeMark(word) ? "code" : word)
                .toArray(String[]::new);
        String[] tags = taggers.use(tagger -> tagger.tag(input));
        List<Token> tokens = new ArrayList<>(words.size());
        for (int i = 0; i < input.length; i++) {
            String word = words.get(i);
            tokens.add(
                    WordTokenizer.isCodeMark(word)
                            ? new Token(block.codeSpans().get(WordTokenizer.codeIndex(word)), tags[i], true)
                            : new Token(word, tags[i], false));
        }
        return tokens;
    }

    /** A heading written as a sentence ("Setting Up Minsky CLI with Bun"): longer words capitalised, no stop. */
    static boolean titleCase(List<Token> tokens) {
        int words = 0;
        int capitalised = 0;
        for (Token token : tokens) {
            if (!token.code()
                    && token.text().length() >= 4
                    && token.text().chars().allMatch(Character::isLetter)) {
                words++;
                capitalised += token.capitalised() ? 1 : 0;
            }
        }
        boolean stopped = !tokens.isEmpty() && tokens.getLast().text().matches("[.!?]");
        return words >= 2 && capitalised * 4 >= words * 3 && !stopped;
    }

    private static String join(List<Token> tokens) {
        StringBuilder text = new StringBuilder();
        for (Token token : tokens) {
            text.append(text.isEmpty() ? "" : " ").append(token.code() ? "`" + token.text() + "`" : token.text());
        }
        return text.toString();
    }
}
