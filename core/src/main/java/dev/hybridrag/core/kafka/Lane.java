package dev.hybridrag.core.kafka;

import dev.hybridrag.core.message.FileEvent;

/**
 * The two ways into the extractor (docs/scale-out.md#fair-work-across-tenants). Live: a watched file's small change,
 * a delete; bulk: {@code hybridrag ingest} and large files. The extractor works both at once, each on its own thread,
 * so a tenant ingesting a corpus never stands in front of another's fresh edit. Per-document order across the lanes
 * is kept by versions, as everywhere: a version older than the stored one is skipped by the extractor and discarded
 * by the indexer.
 */
public enum Lane {
    LIVE,
    BULK;

    /** A change larger than this takes seconds to extract; it goes to the bulk lane even from the watcher. */
    public static final int LIVE_MAX_BYTES = 64 * 1024;

    /** The lane of a watched file's change: by size, deletes always live. */
    public static Lane of(FileEvent event) {
        return event.size() > LIVE_MAX_BYTES ? BULK : LIVE;
    }
}
