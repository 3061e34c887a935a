package dev.hybridrag.core.extract.offline;

import dev.hybridrag.core.extract.ChunkExtraction;
import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.EntityNames;
import dev.hybridrag.core.extract.ExtractedEntity;
import dev.hybridrag.core.extract.ExtractedRelation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The extractor that needs no key and no network: OpenNLP part-of-speech tags (models from Maven Central jars), a
 * gazetteer of well-known technical names, and patterns for file paths, commands, code identifiers and versions.
 * Relations come from co-occurrence in a sentence. Thread-safe; the models load once, in the constructor.
 */
public final class HeuristicExtractor implements ChunkExtractor {

    public static final String CACHE_IDENTITY = "offline-heuristic-v3";

    /** Chunks are a few thousand characters; beyond this the rest is not read, so no record can stall a worker. */
    static final int MAX_CHARACTERS = 100_000;

    private static final int MAX_ENTITIES = 40;
    private static final int ENTITIES_PER_SENTENCE = 6;
    private static final int MAX_RELATIONS = 80;
    private static final int MAX_KEYWORDS = 10;
    private static final int SECTION_ENTITIES = 4;

    private final SentenceReader reader = new SentenceReader();
    private final Set<String> stopwords = WordList.load("stopwords.txt");
    private final CommandLines commands = new CommandLines(WordList.load("command-words.txt"));
    private final NounCompounds nouns = new NounCompounds(stopwords);
    private final MentionFinder finder =
            new MentionFinder(Gazetteer.load(), commands, stopwords, WordList.load("first-names.txt"));

    @Override
    public String cacheIdentity() {
        return CACHE_IDENTITY;
    }

    @Override
    public ChunkExtraction extract(String chunk) {
        if (chunk == null || chunk.isBlank()) {
            return ChunkExtraction.empty();
        }
        MarkdownProse.ChunkText text = MarkdownProse.read(bounded(chunk));
        List<Sentence> sentences = text.prose().stream()
                .flatMap(block -> reader.read(block).stream())
                .toList();
        Capitals capitals = Capitals.of(sentences);
        List<List<Mention>> mentions = sentences.stream()
                .map(sentence -> finder.find(sentence, capitals))
                .toList();
        Set<String> confirmed = confirmed(mentions);
        ChunkTally tally = new ChunkTally(stopwords);
        for (int i = 0; i < sentences.size(); i++) {
            List<Mention> kept = mentions.get(i).stream()
                    .filter(mention -> !mention.provisional() || confirmed.contains(EntityNames.key(mention.name())))
                    .toList();
            tally.add(sentences.get(i), kept, nouns);
        }
        for (String line : text.shellLines()) {
            commands.inLine(line).forEach(command -> tally.addCommand(command, line));
        }
        List<ChunkTally.Ranked> ranked = tally.ranked(MAX_ENTITIES);
        List<ExtractedEntity> entities = ranked.stream()
                .map(entity -> new ExtractedEntity(entity.name(), entity.type().label(), entity.description()))
                .toList();
        List<ExtractedRelation> relations =
                CoOccurrences.relate(tally.sentences(), ranked, ENTITIES_PER_SENTENCE, MAX_RELATIONS);
        if (relations.isEmpty()) {
            relations = sameSection(ranked);
        }
        return new ChunkExtraction(entities, relations, tally.keywords(ranked, MAX_KEYWORDS), 0);
    }

    /**
     * When no sentence names two entities, the chunk's leading entities are related as co-occurring in one section
     * (weaker than a shared sentence), so short turns such as "Read file: process/tasks/002/pr.md" still link.
     */
    private static List<ExtractedRelation> sameSection(List<ChunkTally.Ranked> ranked) {
        List<ChunkTally.Ranked> leading = ranked.subList(0, Math.min(SECTION_ENTITIES, ranked.size()));
        List<ExtractedRelation> relations = new ArrayList<>();
        for (int i = 0; i < leading.size(); i++) {
            for (int j = i + 1; j < leading.size(); j++) {
                ChunkTally.Ranked a = leading.get(i);
                ChunkTally.Ranked b = leading.get(j);
                relations.add(new ExtractedRelation(
                        a.name(),
                        b.name(),
                        "same section",
                        a.name() + " and " + b.name() + " are mentioned in the same section. " + a.description(),
                        0.5));
            }
        }
        return relations;
    }

    /** The names the chunk uses somewhere that confirms them: a provisional mention of one of these counts. */
    private static Set<String> confirmed(List<List<Mention>> mentions) {
        Set<String> keys = new HashSet<>();
        mentions.forEach(sentence -> sentence.stream()
                .filter(mention -> !mention.provisional())
                .forEach(mention -> keys.add(EntityNames.key(mention.name()))));
        return keys;
    }

    private static String bounded(String chunk) {
        if (chunk.length() <= MAX_CHARACTERS) {
            return chunk;
        }
        int lineEnd = chunk.lastIndexOf('\n', MAX_CHARACTERS);
        return chunk.substring(0, lineEnd > 0 ? lineEnd : MAX_CHARACTERS);
    }
}
