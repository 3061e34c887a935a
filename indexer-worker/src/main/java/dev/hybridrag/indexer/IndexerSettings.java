package dev.hybridrag.indexer;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;

/**
 * The indexer's settings, read once from the environment and checked when built.
 *
 * @param summaryMaxDescriptions an entity or relation with more distinct descriptions is summarised
 *     (HYBRIDRAG_SUMMARY_MAX_DESCRIPTIONS)
 * @param summaryMaxTokens descriptions longer than this together are summarised or cut (HYBRIDRAG_SUMMARY_MAX_TOKENS)
 * @param reEmbedBatch texts re-embedded per step after a model change (HYBRIDRAG_REEMBED_BATCH)
 */
public record IndexerSettings(int summaryMaxDescriptions, int summaryMaxTokens, int reEmbedBatch) {

    public IndexerSettings {
        Settings.SUMMARY_MAX_DESCRIPTIONS.require(summaryMaxDescriptions);
        Settings.SUMMARY_MAX_TOKENS.require(summaryMaxTokens);
        Settings.REEMBED_BATCH.require(reEmbedBatch);
    }

    public static IndexerSettings from(Environment env) {
        return new IndexerSettings(
                env.getInt(Settings.SUMMARY_MAX_DESCRIPTIONS),
                env.getInt(Settings.SUMMARY_MAX_TOKENS),
                env.getInt(Settings.REEMBED_BATCH));
    }
}
