package dev.hybridrag.query;

import java.util.List;

/** The offline answer: the most relevant passages, each cited by its reference number. No LLM involved. */
final class ExtractiveAnswer {

    private static final int PASSAGES = 3;
    private static final int PASSAGE_CHARS = 700;

    private ExtractiveAnswer() {}

    static String compose(List<QueryResponse.ContextChunk> context) {
        if (context.isEmpty()) {
            return "No indexed passage matches this query.";
        }
        StringBuilder answer = new StringBuilder("Most relevant passages:\n");
        for (QueryResponse.ContextChunk chunk : context.subList(0, Math.min(PASSAGES, context.size()))) {
            answer.append("\n[")
                    .append(chunk.referenceId())
                    .append("] ")
                    .append(chunk.filePath())
                    .append('\n');
            answer.append(excerpt(chunk.content())).append('\n');
        }
        return answer.toString().strip();
    }

    private static String excerpt(String content) {
        String flat = content.strip();
        if (flat.length() <= PASSAGE_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', PASSAGE_CHARS);
        return flat.substring(0, cut > PASSAGE_CHARS / 2 ? cut : PASSAGE_CHARS) + " …";
    }
}
