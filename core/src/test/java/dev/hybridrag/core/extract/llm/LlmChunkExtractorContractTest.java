package dev.hybridrag.core.extract.llm;

import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.ChunkExtractorContract;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.ChatResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM extractor keeps the chunk extractor contract, with a model that answers in LightRAG's record format as a
 * careful LLM would: each capitalised word of a sentence is a technology, related to the sentence's first one.
 */
class LlmChunkExtractorContractTest extends ChunkExtractorContract {

    private static final Pattern SENTENCE = Pattern.compile("[^.\\n]+\\.");
    private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][A-Za-z]{2,}\\b");

    @Override
    protected ChunkExtractor extractor() {
        return new LlmChunkExtractor(new CapitalisedNames(), new ExtractionPrompt(), 0);
    }

    private static final class CapitalisedNames implements ChatModel {

        @Override
        public String model() {
            return "capitalised-names";
        }

        @Override
        public ChatResult chat(List<ChatMessage> messages) {
            String prompt = messages.getLast().content();
            int start = prompt.indexOf("---Text start---");
            int end = prompt.indexOf("---Text end---");
            String text = start < 0 || end < start ? "" : prompt.substring(start + 16, end);
            List<String> records = new ArrayList<>();
            Matcher sentences = SENTENCE.matcher(text);
            while (sentences.find()) {
                String sentence = sentences.group().strip();
                Set<String> names = new LinkedHashSet<>();
                Matcher words = CAPITALISED.matcher(sentence);
                while (words.find()) {
                    if (!words.group().equals("The")) {
                        names.add(words.group());
                    }
                }
                names.forEach(name ->
                        records.add("(\"entity\"<|>\"%s\"<|>\"technology\"<|>\"%s\")".formatted(name, sentence)));
                List<String> list = List.copyOf(names);
                for (int i = 1; i < list.size(); i++) {
                    records.add("(\"relationship\"<|>\"%s\"<|>\"%s\"<|>\"%s\"<|>\"works with\"<|>5)"
                            .formatted(list.getFirst(), list.get(i), sentence));
                }
            }
            return new ChatResult(String.join("##\n", records) + "##\n<|COMPLETE|>", 100, 50);
        }
    }
}
