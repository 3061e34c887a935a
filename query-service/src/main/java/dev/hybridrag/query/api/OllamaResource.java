package dev.hybridrag.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.QueryRequest;
import dev.hybridrag.query.QueryResponse;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.http.ApiExchange;
import dev.hybridrag.query.http.Json;
import dev.hybridrag.query.http.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Ollama's chat API over a tenant, as LightRAG emulates it, so chat front ends (Open WebUI) use a tenant as a model:
 * the base URL {@code /v1/tenants/{tenant}/ollama}, a mode prefix in the message ({@link OllamaPrompt}), answers
 * with their references, streamed as Ollama streams (one JSON object per line) unless {@code "stream": false}.
 */
final class OllamaResource {

    private static final String BASE = "/v1/tenants/{tenant}/ollama/api";

    private final QueryHandler queries;

    OllamaResource(QueryHandler queries) {
        this.queries = queries;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE + "/version", OllamaReplies.Version.class, e -> e.sendJson(200, OllamaReplies.VERSION)),
                Route.get(BASE + "/tags", OllamaReplies.Tags.class, e -> e.sendJson(200, OllamaReplies.tags())),
                Route.post(BASE + "/chat", OllamaReplies.Chat.class, e -> answer(e, true)),
                Route.post(BASE + "/generate", OllamaReplies.Generate.class, e -> answer(e, false)));
    }

    /** {@code /api/chat} (the last user message, earlier ones as history) or {@code /api/generate} (the prompt). */
    private void answer(ApiExchange exchange, boolean chat) throws Exception {
        JsonNode body = exchange.readJson();
        if (!body.isObject()) {
            throw ApiException.badRequest("", "request body must be a JSON object");
        }
        String model = body.path("model").asText(OllamaReplies.MODEL);
        boolean stream = body.path("stream").asBoolean(true); // Ollama streams unless told not to
        OllamaConversation conversation = chat ? OllamaConversation.ofChat(body) : OllamaConversation.ofGenerate(body);
        OllamaPrompt prompt = OllamaPrompt.parse(conversation.question());
        if (prompt.question().isEmpty()) {
            throw ApiException.badRequest(chat ? "messages" : "prompt", "the question is empty");
        }
        QueryRequest request = request(prompt, conversation, stream);
        OllamaReplies replies = new OllamaReplies(model, chat);
        if (!stream) {
            QueryResponse response = queries.answer(exchange.tenant(), request);
            exchange.sendJson(200, replies.last(text(prompt, response), response));
            return;
        }
        exchange.response().setStatus(200);
        exchange.response().setContentType("application/x-ndjson");
        try (OutputStream out = exchange.response().getOutputStream()) {
            QueryResponse response =
                    queries.answer(exchange.tenant(), request, piece -> line(out, replies.piece(piece)));
            String tail = prompt.contextOnly() ? text(prompt, response) : OllamaReplies.references(response);
            if (!tail.isEmpty()) {
                line(out, replies.piece(tail));
            }
            line(out, replies.last("", response));
        }
    }

    private static QueryRequest request(OllamaPrompt prompt, OllamaConversation conversation, boolean stream) {
        ObjectNode query = Json.MAPPER
                .createObjectNode()
                .put("query", prompt.question())
                .put("mode", prompt.mode())
                .put("only_need_context", prompt.contextOnly())
                .put("stream", stream && !prompt.contextOnly());
        ArrayNode history = query.putArray("conversation_history");
        conversation
                .history()
                .forEach(turn -> history.addObject().put("role", turn.role()).put("content", turn.content()));
        try {
            return QueryRequest.from(query);
        } catch (ApiException e) {
            throw ApiException.badRequest(conversation.field(), e.getMessage());
        }
    }

    /** The whole reply: the answer then its references, or the retrieved passages for a context question. */
    private static String text(OllamaPrompt prompt, QueryResponse response) {
        if (!prompt.contextOnly()) {
            return response.answer() + OllamaReplies.references(response);
        }
        StringBuilder context = new StringBuilder();
        for (QueryResponse.ContextChunk chunk : response.context().chunks()) {
            context.append('[')
                    .append(chunk.referenceId())
                    .append("] ")
                    .append(chunk.filePath())
                    .append("\n")
                    .append(chunk.content())
                    .append("\n\n");
        }
        return context.toString().strip();
    }

    private static void line(OutputStream out, Object reply) {
        try {
            out.write(Json.MAPPER.writeValueAsBytes(reply));
            out.write("\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
