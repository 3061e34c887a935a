package dev.hybridrag.query;

import dev.hybridrag.core.llm.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages that ask the tenant's LLM for an answer, in LightRAG's shape: a system prompt holding the retrieved
 * context, each chunk numbered by its source file so the answer can cite [n]; then the conversation so far; then the
 * question. Bypass mode sends the conversation and the question alone.
 */
final class LlmAnswer {

    private LlmAnswer() {}

    static List<ChatMessage> fromContext(String query, QueryResponse.Context context, AnswerStyle style) {
        StringBuilder data = new StringBuilder();
        data.append("Entities:\n");
        context.entities().forEach(e -> data.append("- %s (%s): %s\n".formatted(e.name(), e.type(), e.description())));
        data.append("\nRelationships:\n");
        context.relations()
                .forEach(r -> data.append(
                        "- %s - %s [%s]: %s\n".formatted(r.source(), r.target(), r.keywords(), r.description())));
        data.append("\nDocument chunks:\n");
        context.chunks()
                .forEach(c -> data.append("[%s] %s\n%s\n\n".formatted(c.referenceId(), c.filePath(), c.content())));
        String system = """
                You answer questions about a user's documents (chat histories, project notes) using only the data
                below: a knowledge graph (entities, relationships) and document chunks, each chunk numbered by its
                source file. Answer in the language of the question, in markdown. Cite the sources you use as [n]
                with the chunk's number, and end with a "References" list of the numbers and file names you cited.
                If the data does not contain the answer, say so; do not make anything up. Take the conversation so
                far into account.

                Response format: %s
                %s
                ---Data---
                """.formatted(style.responseType(), instructions(style)) + data;
        return conversation(ChatMessage.system(system), query, style);
    }

    static List<ChatMessage> bypass(String query, AnswerStyle style) {
        return conversation(null, query, style);
    }

    /** The messages as text, for {@code only_need_prompt}: each under its role. */
    static String render(List<ChatMessage> messages) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : messages) {
            text.append("---").append(message.role()).append("---\n").append(message.content());
            text.append(message.content().endsWith("\n") ? "\n" : "\n\n");
        }
        return text.toString().strip();
    }

    private static String instructions(AnswerStyle style) {
        return style.userPrompt().isEmpty() ? "" : "Additional instructions: " + style.userPrompt() + "\n";
    }

    private static List<ChatMessage> conversation(ChatMessage system, String query, AnswerStyle style) {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(system);
        } else if (!style.userPrompt().isEmpty()) {
            messages.add(ChatMessage.system(style.userPrompt()));
        }
        messages.addAll(style.history());
        messages.add(ChatMessage.user(query));
        return messages;
    }
}
