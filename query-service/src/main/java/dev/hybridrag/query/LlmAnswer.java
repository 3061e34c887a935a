package dev.hybridrag.query;

import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.LlmException;
import java.util.List;

/**
 * An answer written by the tenant's LLM from the retrieved context, citing sources by reference number (LightRAG's
 * answer shape). Bypass mode sends the question alone.
 */
final class LlmAnswer {

    private LlmAnswer() {}

    static String fromContext(ChatModel chat, String query, QueryResponse.Context context) throws LlmException {
        StringBuilder data = new StringBuilder();
        data.append("Entities:\n");
        context.entities().forEach(e -> data.append("- ")
                .append(e.name())
                .append(" (")
                .append(e.type())
                .append("): ")
                .append(e.description())
                .append('\n'));
        data.append("\nRelationships:\n");
        context.relations().forEach(r -> data.append("- ")
                .append(r.source())
                .append(" - ")
                .append(r.target())
                .append(" [")
                .append(r.keywords())
                .append("]: ")
                .append(r.description())
                .append('\n'));
        data.append("\nDocument chunks:\n");
        context.chunks().forEach(c -> data.append("[")
                .append(c.referenceId())
                .append("] ")
                .append(c.filePath())
                .append('\n')
                .append(c.content())
                .append("\n\n"));
        String system = """
                You answer questions about a user's documents (chat histories, project notes) using only the data
                below: a knowledge graph (entities, relationships) and document chunks, each chunk numbered by its
                source file. Answer in the language of the question, in markdown. Cite the sources you use as [n]
                with the chunk's number, and end with a "References" list of the numbers and file names you cited.
                If the data does not contain the answer, say so; do not make anything up.

                ---Data---
                """ + data;
        return chat.chat(List.of(ChatMessage.system(system), ChatMessage.user(query)))
                .content()
                .strip();
    }

    static String bypass(ChatModel chat, String query) throws LlmException {
        return chat.chat(List.of(ChatMessage.user(query))).content().strip();
    }
}
