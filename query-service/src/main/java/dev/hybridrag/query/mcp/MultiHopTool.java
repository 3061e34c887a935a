package dev.hybridrag.query.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.llm.ChatMessage;
import dev.hybridrag.core.llm.ChatModel;
import dev.hybridrag.core.llm.LlmException;
import dev.hybridrag.core.llm.LlmOperation;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.query.QueryHandler;
import dev.hybridrag.query.QueryRequests;
import dev.hybridrag.query.QueryResponse;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * {@code hybridrag_multihop_query}: the tenant's LLM splits the question into sub-questions, each is retrieved and
 * answered in turn (earlier answers travel with later sub-questions), then the LLM writes the final answer from the
 * steps. Each step is reported as progress, and a cancelled call stops before its next LLM call.
 */
final class MultiHopTool {

    record Step(int step, String question, String answer, List<QueryResponse.Reference> references) {}

    private final Infrastructure infra;
    private final QueryHandler queries;

    MultiHopTool(Infrastructure infra, QueryHandler queries) {
        this.infra = infra;
        this.queries = queries;
    }

    CallToolResult answer(TenantConfig tenant, ToolArguments arguments, ToolCallContext call) throws Exception {
        String question = arguments.requiredText("query", 4000);
        int maxSteps = arguments.integer("max_steps", 3, 1, 8);
        int topK = arguments.integer("top_k", 40, 1, 500);
        if (tenant.models().chat().isOffline()) {
            return ToolReply.error("hybridrag_multihop_query needs an LLM, and tenant '" + tenant.id()
                    + "' has none configured (offline). Use hybridrag_query, or configure a provider"
                    + " (docs/providers.md).");
        }
        ChatModel chat = infra.models().chatModel(tenant, LlmOperation.ANSWER);
        List<String> subQuestions = split(chat, question, maxSteps);
        int total = subQuestions.size() + 1;
        List<Step> steps = new ArrayList<>();
        StringBuilder known = new StringBuilder();
        for (String subQuestion : subQuestions) {
            stopIfCancelled(call);
            call.progress(steps.size(), total, "step " + (steps.size() + 1) + ": " + subQuestion);
            String asked = known.isEmpty() ? subQuestion : subQuestion + "\n\nWhat is known so far:\n" + known;
            QueryResponse response = queries.answer(
                    tenant,
                    QueryRequests.parse(ToolReply.JSON
                            .createObjectNode()
                            .put("query", clip(asked, 4000))
                            .put("mode", "mix")
                            .put("top_k", topK)));
            steps.add(new Step(steps.size() + 1, subQuestion, response.answer().strip(), response.references()));
            known.append("- ")
                    .append(subQuestion)
                    .append(" ")
                    .append(ToolTexts.oneLine(response.answer()))
                    .append('\n');
        }
        stopIfCancelled(call);
        call.progress(steps.size(), total, "writing the final answer");
        String answer = chat.chat(finalPrompt(question, steps)).content().strip();
        call.progress(total, total, "done");
        List<QueryResponse.Reference> references = merged(steps);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("answer", answer);
        body.put("steps", steps);
        body.put("references", references);
        StringBuilder text = new StringBuilder(answer).append("\n\nSteps:");
        for (Step step : steps) {
            text.append("\n")
                    .append(step.step())
                    .append(". ")
                    .append(step.question())
                    .append(" — ");
            text.append(ToolTexts.oneLine(step.answer()));
        }
        text.append("\n\n").append(ToolTexts.references(references));
        return ToolReply.of(text.toString(), body);
    }

    /** The LLM's sub-questions as a JSON array; the question itself when the answer is not one. */
    private static List<String> split(ChatModel chat, String question, int maxSteps) throws LlmException {
        String reply = chat.chat(List.of(
                        ChatMessage.system("You split a question into the sub-questions a document search must answer"
                                + " first, in the order to answer them. Reply with a JSON array of at most " + maxSteps
                                + " strings and nothing else. A question that needs no split is one sub-question."),
                        ChatMessage.user(question)))
                .content();
        List<String> subQuestions = new ArrayList<>();
        try {
            int start = reply.indexOf('[');
            int end = reply.lastIndexOf(']');
            JsonNode array =
                    ToolReply.JSON.readTree(start >= 0 && end > start ? reply.substring(start, end + 1) : reply);
            for (JsonNode item : array) {
                if (item.isTextual() && !item.asText().isBlank() && subQuestions.size() < maxSteps) {
                    subQuestions.add(clip(item.asText().strip(), 1000));
                }
            }
        } catch (Exception e) {
            // not a JSON array: answer the question in one step
        }
        return subQuestions.isEmpty() ? List.of(question) : subQuestions;
    }

    private static List<ChatMessage> finalPrompt(String question, List<Step> steps) {
        StringBuilder findings = new StringBuilder();
        for (Step step : steps) {
            findings.append("Sub-question ")
                    .append(step.step())
                    .append(": ")
                    .append(step.question())
                    .append('\n');
            findings.append("Answer: ").append(step.answer()).append("\n\n");
        }
        return List.of(
                ChatMessage.system("Answer the user's question from the findings of the sub-questions below, keeping"
                        + " their [n] citations. Say what the findings do not cover.\n\n" + findings),
                ChatMessage.user(question));
    }

    /** Every step's sources once, numbered in order of first use. */
    private static List<QueryResponse.Reference> merged(List<Step> steps) {
        Map<String, QueryResponse.Reference> byFile = new LinkedHashMap<>();
        for (Step step : steps) {
            for (QueryResponse.Reference reference : step.references()) {
                byFile.putIfAbsent(
                        reference.filePath(),
                        new QueryResponse.Reference(
                                byFile.size() + 1,
                                reference.filePath(),
                                reference.chunkId(),
                                reference.score(),
                                reference.chunkIds()));
            }
        }
        return List.copyOf(byFile.values());
    }

    private static void stopIfCancelled(ToolCallContext call) {
        if (call.cancelled()) {
            throw new CancellationException("the call was cancelled");
        }
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
