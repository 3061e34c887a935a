package dev.hybridrag.core.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Full-text search over the {@code lexemes} columns (migration V10), ranked like BM25: each of the question's words
 * counts by how rare it is in the tenant (inverse document frequency) times how much of the row it makes up
 * ({@code ts_rank}). PostgreSQL's own ranking has no notion of rarity, and a question in plain words would otherwise
 * be ranked by its most common ones ("task", "session"). Any word may match, not all: a question is not a boolean
 * query. Words found in more rows than {@link #COMMON_ROWS} tell nothing apart and are left out, which also bounds
 * what a search reads.
 *
 * <p>A word's rarity is its count of rows, and counting a common word reads every row that holds it (10 to 20 ms a
 * word at 100,000 chunks, docs/benchmarks/query.md): the caller passes the counts of the tenant's common words it
 * already knows ({@link WordCounts}, from {@link #commonWords}), and only the other words are counted here.
 */
public final class LexicalSearch {

    /** A word in more rows than this (or a quarter of a tenant above 200 rows) is too common to rank by. */
    static final int COMMON_ROWS = 5000;

    private final long candidateRows;

    /** Ranks every row holding any of the question's words, however many. */
    public LexicalSearch() {
        this(Long.MAX_VALUE);
    }

    /**
     * @param candidateRows at most how many rows a search ranks: the question's words are taken rarest first while
     *     the rows holding them stay within it (the rarest word's always), and only rows holding one of those are
     *     ranked, by all the question's words
     */
    public LexicalSearch(long candidateRows) {
        this.candidateRows = candidateRows;
    }

    private static final String ENTITY_COLUMNS = "e.key, e.name, e.type, e.description, e.weight, e.source_chunks";
    private static final String RELATION_COLUMNS = "e.key, e.source, e.target, e.source_key, e.target_key,"
            + " e.keywords, e.description, e.weight, e.source_chunks";

    /** The chunks best matching the question's words, best first; the score is the BM25-like rank. */
    public List<ScoredChunk> chunks(
            DataSource dataSource, String workspace, String question, WordCounts counts, int limit)
            throws SQLException {
        return chunkSearch(dataSource, workspace, question, counts, null, limit);
    }

    /**
     * Of these chunks, those matching the question's words, best first, with the same rank as {@link #chunks}
     * (the words' rarity is the tenant's): how the chunks a graph search led to are ordered by the question.
     */
    public List<ScoredChunk> chunksAmong(
            DataSource dataSource, String workspace, String question, WordCounts counts, Collection<String> chunkIds)
            throws SQLException {
        return chunkSearch(dataSource, workspace, question, counts, chunkIds, chunkIds.size());
    }

    private List<ScoredChunk> chunkSearch(
            DataSource dataSource,
            String workspace,
            String question,
            WordCounts counts,
            Collection<String> among,
            int limit)
            throws SQLException {
        return search(
                dataSource,
                "chunks",
                "e.path, e.chunk_id, e.content, e.tokens",
                workspace,
                question,
                counts,
                among,
                limit,
                r -> new ScoredChunk(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getDouble(5)));
    }

    /** Entities whose names (first), types or descriptions hold the question's words, best first. */
    public List<ScoredEntity> entities(
            DataSource dataSource, String workspace, String question, WordCounts counts, int limit)
            throws SQLException {
        return search(
                dataSource, "entities", ENTITY_COLUMNS, workspace, question, counts, null, limit, GraphQueries::entity);
    }

    /** Relations whose ends' names (first), keywords or descriptions hold the question's words, best first. */
    public List<ScoredRelation> relations(
            DataSource dataSource, String workspace, String question, WordCounts counts, int limit)
            throws SQLException {
        return search(
                dataSource,
                "relations",
                RELATION_COLUMNS,
                workspace,
                question,
                counts,
                null,
                limit,
                GraphQueries::relation);
    }

    /**
     * The words in at least {@code minRows} of the tenant's rows of this table, with their counts: one read of the
     * tenant's rows ({@code ts_stat}; about a second at 100,000 chunks), for {@link WordCounts}.
     */
    public Map<String, Integer> commonWords(DataSource dataSource, String workspace, String table, int minRows)
            throws SQLException {
        String counted =
                switch (table) {
                    case "chunks", "entities", "relations" -> table;
                    default -> throw new IllegalArgumentException("no full-text column in " + table);
                };
        // ts_stat takes its rows as a statement's text; the workspace goes in quoted by quote_literal.
        List<Map.Entry<String, Integer>> words = Sql.list(
                dataSource,
                "SELECT word, ndoc FROM ts_stat('SELECT lexemes FROM " + counted
                        + " WHERE lexemes IS NOT NULL AND workspace = ' || quote_literal(?)) WHERE ndoc >= ?",
                r -> Map.entry(r.getString(1), r.getInt(2)),
                workspace,
                minRows);
        return Map.ofEntries(words.toArray(Map.Entry[]::new));
    }

    /** Below this many rows a word is counted as fast as it is looked up: the most a search counts for a tenant. */
    public static int countLimit(long rows) {
        return (int) Math.max(50, Math.min(COMMON_ROWS, rows / 4));
    }

    /**
     * The question is parsed by the columns' own configuration, so a word is looked for as the rows store it; each
     * lexeme becomes a query of its own ({@code phraseto_tsquery('simple')} keeps it as it is: no operators, no
     * second stemming). A word's count of rows is the caller's when it knows it ({@code counts}), else counted
     * here; {@code among}, when not null, the only chunk ids to rank.
     */
    private <T> List<T> search(
            DataSource dataSource,
            String table,
            String columns,
            String workspace,
            String question,
            WordCounts counts,
            Collection<String> among,
            int limit,
            Sql.RowMapper<T> mapper)
            throws SQLException {
        // Every common word's count goes with the statement, which joins them to the question's words: sending only
        // the question's took a round trip of its own to parse it first.
        List<String> knownWords = new ArrayList<>(counts.common().size());
        List<Integer> knownCounts = new ArrayList<>(counts.common().size());
        counts.common().forEach((word, count) -> {
            knownWords.add(word);
            knownCounts.add(count);
        });
        // The table and columns are constants of this class: nothing user-written is spliced in. The rows are ranked
        // first and only the best read whole: carrying every matching row's columns through the sort cost as much
        // as the ranking (37 ms against 75 for 11,638 rows of the benchmark's relations). OFFSET 0 keeps a word's
        // count a subquery of its own: pulled up, the planner ran it once for each use of `found`, five times.
        String sql = """
                WITH words AS (
                    SELECT lexeme, phraseto_tsquery('simple', lexeme) AS query
                    FROM unnest(tsvector_to_array(text_lexemes(?))) AS lexeme
                ), known AS (
                    SELECT * FROM unnest(?::text[], ?::int[]) AS k(lexeme, found)
                ), terms AS (
                    SELECT w.query, d.found, ln(1 + (?::float8 - d.found + 0.5) / (d.found + 0.5)) AS idf
                    FROM words w LEFT JOIN known k ON k.lexeme = w.lexeme, LATERAL (
                        SELECT coalesce(k.found, (SELECT count(*) FROM (
                            SELECT 1 FROM %1$s WHERE workspace = ? AND lexemes @@ w.query LIMIT ?) hits)) AS found
                        OFFSET 0) d
                    WHERE numnode(w.query) > 0 AND d.found BETWEEN 1 AND ? - 1
                ), rarest_first AS (
                    SELECT query, found, sum(found) OVER (ORDER BY found, query::text) AS upto FROM terms
                ), any_term AS (
                    SELECT string_agg('(' || query::text || ')', ' | ')::tsquery AS query FROM rarest_first
                    WHERE upto <= ? OR upto = found
                ), best AS (
                    SELECT e.ctid AS row, %3$s AS first, (SELECT sum(t.idf * ts_rank(e.lexemes, t.query))
                        FROM terms t WHERE e.lexemes @@ t.query) AS score
                    FROM %1$s e, any_term a
                    WHERE e.workspace = ? AND e.lexemes @@ a.query%4$s
                    ORDER BY score DESC, first
                    LIMIT ?
                )
                SELECT %2$s, b.score FROM best b JOIN %1$s e ON e.ctid = b.row
                ORDER BY b.score DESC, b.first
                """.formatted(
                        table,
                        columns,
                        columns.substring(0, columns.indexOf(',')),
                        among == null ? "" : " AND e.chunk_id = ANY (?)");
        int common = countLimit(counts.rows());
        List<Object> parameters = new ArrayList<>(List.of(
                question,
                knownWords.toArray(String[]::new),
                knownCounts.toArray(Integer[]::new),
                (double) Math.max(counts.rows(), 1),
                workspace,
                common,
                common,
                among == null ? candidateRows : Long.MAX_VALUE,
                workspace));
        if (among != null) {
            parameters.add(among);
        }
        parameters.add(limit);
        return Sql.list(dataSource, sql, mapper, parameters.toArray());
    }
}
