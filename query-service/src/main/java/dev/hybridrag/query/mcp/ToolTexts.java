package dev.hybridrag.query.mcp;

import dev.hybridrag.query.QueryResponse;
import java.util.List;

/** The readable side of tool results: what a model reads, with sources as numbered file paths. */
final class ToolTexts {

    private ToolTexts() {}

    static String references(List<QueryResponse.Reference> references) {
        if (references.isEmpty()) {
            return "References: none (nothing in this tenant matched)";
        }
        StringBuilder text = new StringBuilder("References:");
        for (QueryResponse.Reference reference : references) {
            text.append("\n[").append(reference.referenceId()).append("] ").append(reference.filePath());
        }
        return text.toString();
    }

    static String context(QueryResponse.Context context) {
        StringBuilder text = new StringBuilder();
        text.append("Entities (").append(context.entities().size()).append("):");
        for (QueryResponse.ContextEntity entity : context.entities()) {
            text.append("\n- ").append(entity.name());
            if (!entity.type().isEmpty()) {
                text.append(" (").append(entity.type()).append(")");
            }
            if (!entity.description().isEmpty()) {
                text.append(": ").append(oneLine(entity.description()));
            }
        }
        text.append("\n\nRelations (").append(context.relations().size()).append("):");
        for (QueryResponse.ContextRelation relation : context.relations()) {
            text.append("\n- ").append(relation.source()).append(" — ").append(relation.target());
            if (!relation.description().isEmpty()) {
                text.append(": ").append(oneLine(relation.description()));
            }
        }
        text.append("\n\nChunks (").append(context.chunks().size()).append("):");
        for (QueryResponse.ContextChunk chunk : context.chunks()) {
            text.append("\n\n[%s] %s\n%s"
                    .formatted(
                            chunk.referenceId(),
                            chunk.filePath(),
                            chunk.content().strip()));
        }
        return text.toString();
    }

    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
