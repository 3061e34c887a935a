package dev.hybridrag.core.extract.llm;

/**
 * Worked examples for {@link ExtractionPrompt}, taken from the kind of text this system reads (a coding chat, a design
 * note). They carry their own type list so they stay valid whatever types a tenant configures. Part of the prompt: a
 * change here needs a new {@link ExtractionPrompt#TEMPLATE_VERSION}.
 */
final class ExtractionExamples {

    static final String TEXT = """
            Example 1:
            Entity types: [person, organization, technology, concept, file, command, event]
            Text:
            ---Text start---
            _**User**_
            The consumer in indexer/ExtractionApplier.java keeps rebalancing since we upgraded Kafka to 4.3. \
            Maria thinks it started with the cooperative assignor.

            _**Assistant**_
            Each poll takes longer than max.poll.interval.ms, so the group drops the member. Lower \
            max.poll.records and look at the group with `kafka-consumer-groups.sh --describe --group indexer`.
            ---Text end---

            Output:
            ("entity"<|>indexer/ExtractionApplier.java<|>file<|>Source file holding the indexer's Kafka consumer, \
            which keeps rebalancing after the upgrade.)##
            ("entity"<|>Kafka<|>technology<|>Event streaming platform, upgraded to 4.3 in this project.)##
            ("entity"<|>Maria<|>person<|>Team member who links the rebalancing to the cooperative assignor.)##
            ("entity"<|>Cooperative Assignor<|>concept<|>Kafka partition assignment strategy suspected of \
            starting the rebalances.)##
            ("entity"<|>max.poll.interval.ms<|>concept<|>Consumer setting; a poll slower than it makes the group \
            drop the member.)##
            ("entity"<|>kafka-consumer-groups.sh --describe --group indexer<|>command<|>Shows the state of the \
            indexer consumer group.)##
            ("relationship"<|>indexer/ExtractionApplier.java<|>Kafka<|>The file's Kafka consumer rebalances after \
            the Kafka upgrade.<|>consumer, rebalancing<|>8)##
            ("relationship"<|>Maria<|>Cooperative Assignor<|>Maria suspects the cooperative assignor caused the \
            rebalances.<|>suspected cause<|>5)##
            ("relationship"<|>max.poll.interval.ms<|>indexer/ExtractionApplier.java<|>Polls slower than the \
            interval make the consumer in the file lose its membership.<|>timeout, root cause<|>9)##
            ("content_keywords"<|>Kafka upgrade, consumer rebalancing, poll interval, troubleshooting)##
            <|COMPLETE|>

            Example 2:
            Entity types: [person, technology, concept, file, event]
            Text:
            ---Text start---
            ## Decision 2026-03-02
            We moved the LLM cache from Redis to PostgreSQL so that a tenant in database isolation keeps its \
            cache in its own database. Jonas wrote the migration V2__llm_cache.sql.
            ---Text end---

            Output:
            ("entity"<|>LLM Cache<|>concept<|>Cache of model answers, moved from Redis to PostgreSQL on \
            2026-03-02.)##
            ("entity"<|>Redis<|>technology<|>Key-value store that held the LLM cache before the move.)##
            ("entity"<|>PostgreSQL<|>technology<|>Database that now holds each tenant's LLM cache in the tenant's \
            own database.)##
            ("entity"<|>Jonas<|>person<|>Developer who wrote the cache migration.)##
            ("entity"<|>V2__llm_cache.sql<|>file<|>Database migration for the LLM cache tables.)##
            ("relationship"<|>LLM Cache<|>PostgreSQL<|>The cache moved to PostgreSQL so each tenant's cache stays \
            in its own database.<|>storage, tenant isolation<|>9)##
            ("relationship"<|>LLM Cache<|>Redis<|>Redis held the cache before the move.<|>previous storage<|>4)##
            ("relationship"<|>Jonas<|>V2__llm_cache.sql<|>Jonas wrote the migration.<|>authorship<|>7)##
            ("content_keywords"<|>architecture decision, LLM cache, PostgreSQL, tenant isolation)##
            <|COMPLETE|>

            """;

    private ExtractionExamples() {}
}
