package dev.hybridrag.core.extract.llm;

import dev.hybridrag.core.extract.ChunkExtraction;

/**
 * Reads a chat model's extraction answer into a {@link ChunkExtraction}, tolerating what models actually return:
 * prose and code fences around the records, LightRAG's old ({@code <|>}) and new ({@code <|#|>}) delimiters and their
 * misspellings, bare {@code |}, records split by {@code ##} or line breaks or run together, missing parentheses or
 * quotes, a missing or misplaced completion marker, an answer cut off mid-record, and JSON instead of tuples.
 *
 * <p>Nothing here throws on bad input: a record that cannot be used (no name, an entity related to itself, an
 * unknown tag between field delimiters, the cut-off last record) is dropped and counted in {@link
 * ChunkExtraction#droppedRecords()}; prose without delimiters is not a record and is skipped silently. Duplicates
 * merge by {@link dev.hybridrag.core.extract.EntityNames#key}. Entity types are kept as the model wrote them, lower
 * case, even outside the prompt's list; a missing type becomes {@code other}. Thread-safe.
 */
public final class ExtractionParser {

    public ChunkExtraction parse(String answer) {
        String text = answer == null
                ? ""
                : answer.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
        FactSet tuples = new FactSet();
        int tagged = TupleRecords.read(text, tuples);
        if (tagged > 0) {
            return tuples.toExtraction();
        }
        // Models asked for tuples often answer in JSON; only then is it worth parsing as such.
        return JsonRecords.read(text).orElse(tuples).toExtraction();
    }
}
