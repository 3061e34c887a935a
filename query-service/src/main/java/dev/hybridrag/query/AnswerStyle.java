package dev.hybridrag.query;

import dev.hybridrag.core.llm.ChatMessage;
import java.util.List;

/**
 * How the LLM should write an answer, with LightRAG's options: {@code response_type} (e.g. "Multiple Paragraphs",
 * "Bullet Points"), extra instructions from {@code user_prompt}, and the {@code conversation_history} the question
 * continues.
 */
record AnswerStyle(String responseType, String userPrompt, List<ChatMessage> history) {

    AnswerStyle {
        history = List.copyOf(history);
    }
}
