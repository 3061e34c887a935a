package dev.hybridrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints a query-service answer for people: the answer, or with {@code only_need_context} the retrieved context, then
 * the references. Context sections other than chunks (entities, relations, keywords, ...) are printed as they come,
 * so new ones show up without a change here.
 */
final class AnswerPrinter {

    private AnswerPrinter() {}

    static void print(PrintWriter out, JsonNode response, boolean contextOnly) {
        if (contextOnly) {
            printContext(out, response.path("context"));
        } else {
            out.println(response.path("answer").asText());
        }
        out.println();
        out.println("References:");
        for (JsonNode reference : response.path("references")) {
            out.printf(
                    "  [%d] %s (score %.3f)%n",
                    reference.path("reference_id").asInt(),
                    reference.path("file_path").asText(),
                    reference.path("score").asDouble());
        }
        out.flush();
    }

    private static void printContext(PrintWriter out, JsonNode context) {
        for (Map.Entry<String, JsonNode> section : context.properties()) {
            if (section.getKey().equals("chunks")) {
                printChunks(out, section.getValue());
            } else {
                printSection(out, title(section.getKey()), section.getValue());
            }
        }
    }

    private static void printChunks(PrintWriter out, JsonNode chunks) {
        for (JsonNode chunk : chunks) {
            out.printf(
                    "[%d] %s (%s, score %.3f)%n%s%n%n",
                    chunk.path("reference_id").asInt(),
                    chunk.path("file_path").asText(),
                    chunk.path("chunk_id").asText(),
                    chunk.path("score").asDouble(),
                    chunk.path("content").asText());
        }
    }

    private static void printSection(PrintWriter out, String title, JsonNode value) {
        if (!value.isArray()) {
            out.printf("%s: %s%n%n", title, value.isValueNode() ? value.asText() : value.toString());
        } else if (value.isEmpty() || value.get(0).isValueNode()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            out.printf("%s: %s%n%n", title, items.isEmpty() ? "(none)" : String.join(", ", items));
        } else {
            out.printf("%s (%d):%n", title, value.size());
            value.forEach(item -> out.println("  " + describe(item)));
            out.println();
        }
    }

    /** One line per entity ({@code name}, {@code type}) or relation ({@code source -> target}); else the JSON. */
    static String describe(JsonNode item) {
        String name = first(item, "name", "entity_name", "entity");
        String source = first(item, "source", "src_id", "src");
        String target = first(item, "target", "tgt_id", "tgt");
        StringBuilder line = new StringBuilder();
        if (!source.isEmpty() && !target.isEmpty()) {
            line.append(source).append(" -> ").append(target);
        } else if (!name.isEmpty()) {
            line.append(name);
        } else {
            return item.toString();
        }
        List<String> details = new ArrayList<>();
        String type = first(item, "type", "entity_type");
        if (!type.isEmpty()) {
            details.add(type);
        }
        if (item.has("score")) {
            details.add(String.format("score %.3f", item.path("score").asDouble()));
        }
        if (!details.isEmpty()) {
            line.append(" (").append(String.join(", ", details)).append(')');
        }
        String description = first(item, "description");
        if (!description.isEmpty()) {
            line.append(": ").append(description.strip().replaceAll("\\s*\\n\\s*", " "));
        }
        String keywords = first(item, "keywords");
        if (!keywords.isEmpty()) {
            line.append(" [").append(keywords).append(']');
        }
        return line.toString();
    }

    private static String first(JsonNode item, String... names) {
        for (String name : names) {
            String value = item.path(name).asText("");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    /** {@code high_level_keywords} becomes {@code High level keywords}. */
    private static String title(String field) {
        String words = field.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
