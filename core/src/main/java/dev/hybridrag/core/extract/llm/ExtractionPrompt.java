package dev.hybridrag.core.extract.llm;

import dev.hybridrag.core.llm.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The messages that ask a chat model for a chunk's entities and relations, in LightRAG's record shape: {@code
 * ("entity"<|>name<|>type<|>description)}, {@code ("relationship"<|>source<|>target<|>description<|>keywords<|>
 * strength)} and {@code ("content_keywords"<|>keywords)}, records separated by {@code ##}, ended by {@code
 * <|COMPLETE|>}. A gleaning pass replays the conversation and asks only for what was missed.
 */
public final class ExtractionPrompt {

    /** Part of the LLM cache key: change it whenever any text below or in {@link ExtractionExamples} changes. */
    public static final String TEMPLATE_VERSION = "lightrag-style-v1";

    public static final String TUPLE_DELIMITER = "<|>";
    public static final String RECORD_DELIMITER = "##";
    public static final String COMPLETION_MARKER = "<|COMPLETE|>";

    /** What software-engineering chats and notes mostly talk about; {@code other} is always allowed. */
    public static final List<String> DEFAULT_ENTITY_TYPES =
            List.of("person", "organization", "technology", "concept", "file", "command", "event");

    private static final String SYSTEM = """
            ---Role---
            You turn software-engineering notes and chat transcripts (developers talking with each other or \
            with an AI assistant) into a knowledge graph.

            ---Goal---
            Read the text. List the entities it names, the relationships between them that the text states or \
            clearly implies, and a few keywords for the text as a whole.

            ---Steps---
            1. Entities. For each entity that matters to the text give:
               - name: as the text writes it and in the text's language. Keep code identifiers, file paths, \
            settings and commands exactly as written, case included; capitalise other proper names.
               - type: one of [{types}]; write other when none fits.
               - description: one or two sentences on what the entity is and what the text says about it, \
            taken from the text only.
               Record: ("entity"<|>name<|>type<|>description)
            2. Relationships. For each pair of entities from step 1 that the text clearly connects give:
               - source and target: the two names exactly as written in step 1;
               - description: how the text connects them;
               - keywords: a few comma-separated words naming the kind of link, such as "configures, dependency";
               - strength: a number from 1 (incidental) to 10 (explicit and central to the text).
               Record: ("relationship"<|>source<|>target<|>description<|>keywords<|>strength)
            3. Content keywords: up to eight comma-separated words or short phrases naming the main topics.
               Record: ("content_keywords"<|>keywords)
            4. Write one record per line and end each line with ##. Write nothing else: no prose, no markdown, \
            no JSON, no code fences.
            5. When done, write <|COMPLETE|> on a line of its own.

            Leave out greetings, tool noise and generic words (the user, the assistant, the code) unless the text \
            is about them. Never add an entity the text does not mention.

            ---Examples---
            """;

    private static final String GLEANING = """
            Some entities and relationships in the text were missed in your last answer. Add only the ones you \
            have not listed yet, in exactly the same record format, one record per line ending with ##, then \
            <|COMPLETE|>. Do not repeat records you already gave. If nothing was missed, answer only <|COMPLETE|>.""";

    private final List<String> entityTypes;
    private final String systemPrompt;

    public ExtractionPrompt() {
        this(DEFAULT_ENTITY_TYPES);
    }

    /** @param entityTypes the types the model should choose from, e.g. {@link #DEFAULT_ENTITY_TYPES} */
    public ExtractionPrompt(List<String> entityTypes) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : entityTypes) {
            String normalised = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
            if (normalised.isEmpty() || normalised.contains(",")) {
                throw new IllegalArgumentException("entity type must be a non-empty word without commas: " + type);
            }
            types.add(normalised);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("at least one entity type is needed");
        }
        this.entityTypes = List.copyOf(types);
        this.systemPrompt = SYSTEM.replace("{types}", typeList()) + ExtractionExamples.TEXT;
    }

    public List<String> entityTypes() {
        return entityTypes;
    }

    /** The system prompt and the chunk to read. */
    public List<ChatMessage> firstPass(String chunk) {
        String user = "---Real data---\nEntity types: [" + typeList() + "]\nText:\n---Text start---\n" + chunk
                + "\n---Text end---\n\nOutput:\n";
        return List.of(ChatMessage.system(systemPrompt), ChatMessage.user(user));
    }

    /** The conversation so far, the model's last answer, and the request for what it missed. */
    public List<ChatMessage> gleaningPass(List<ChatMessage> conversation, String lastAnswer) {
        List<ChatMessage> messages = new ArrayList<>(conversation);
        messages.add(ChatMessage.assistant(lastAnswer));
        messages.add(ChatMessage.user(GLEANING));
        return List.copyOf(messages);
    }

    private String typeList() {
        return String.join(", ", entityTypes);
    }
}
