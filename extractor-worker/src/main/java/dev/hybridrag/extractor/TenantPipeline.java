package dev.hybridrag.extractor;

import dev.hybridrag.core.chunk.MarkdownChunker;
import dev.hybridrag.core.embed.Embedder;
import dev.hybridrag.core.extract.ChunkExtractor;

/** How one tenant's documents are chunked, embedded and extracted. */
record TenantPipeline(MarkdownChunker chunker, Embedder embedder, ChunkExtractor extractor, int concurrency) {}
