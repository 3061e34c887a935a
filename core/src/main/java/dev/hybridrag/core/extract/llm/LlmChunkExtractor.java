package dev.hybridrag.core.extract.llm;

import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.LlmException;
import java.util.List;

/**
 * Extracts a chunk's entities and relations with a chat model, LightRAG style: one extraction pass, then up to
 * {@code gleaningPasses} passes that show the model its own answers and ask for what it missed, keeping only records
 * not seen before. Failed calls are not retried here: the {@link ChatModel} given is expected to carry the retry,
 * rate-limit and circuit-breaker decorators. Thread-safe when the model is.
 */
public final class LlmChunkExtractor implements ChunkExtractor {

    public static final int DEFAULT_GLEANING_PASSES = 1;

    private final ChatModel model;
    private final ChatModel gleaner;
    private final ExtractionPrompt prompt;
    private final ExtractionParser parser = new ExtractionParser();
    private final int gleaningPasses;

    public LlmChunkExtractor(ChatModel model) {
        this(model, new ExtractionPrompt(), DEFAULT_GLEANING_PASSES);
    }

    /** @param gleaningPasses follow-up passes after the first; 0 for a single call per chunk */
    public LlmChunkExtractor(ChatModel model, ExtractionPrompt prompt, int gleaningPasses) {
        this(model, model, prompt, gleaningPasses);
    }

    /** @param gleaner the same model, its calls written down as gleaning passes */
    public LlmChunkExtractor(ChatModel model, ChatModel gleaner, ExtractionPrompt prompt, int gleaningPasses) {
        if (gleaningPasses < 0) {
            throw new IllegalArgumentException("gleaningPasses must be 0 or more, was " + gleaningPasses);
        }
        this.model = model;
        this.gleaner = gleaner;
        this.prompt = prompt;
        this.gleaningPasses = gleaningPasses;
    }

    /** Everything that shapes the answer: prompt text, model, gleaning passes and entity types. */
    @Override
    public String cacheIdentity() {
        String types = ContentHash.of(String.join(",", prompt.entityTypes())).substring(0, 12);
        return ExtractionPrompt.TEMPLATE_VERSION + "|" + model.model() + "|gleaning=" + gleaningPasses + "|types="
                + types;
    }

    /**
     * Stops gleaning early when a pass adds nothing new, as LightRAG's "anything missed?" check would.
     *
     * @throws LlmException when any call fails (after the model's own retries); no partial result is returned
     */
    @Override
    public ChunkExtraction extract(String chunk) throws LlmException {
        List<ChatMessage> conversation = prompt.firstPass(chunk);
        String answer = model.chat(conversation).content();
        FactSet facts = new FactSet();
        facts.addNew(parser.parse(answer));
        for (int pass = 0; pass < gleaningPasses; pass++) {
            conversation = prompt.gleaningPass(conversation, answer);
            answer = gleaner.chat(conversation).content();
            if (!facts.addNew(parser.parse(answer))) {
                break;
            }
        }
        return facts.toExtraction();
    }
}
