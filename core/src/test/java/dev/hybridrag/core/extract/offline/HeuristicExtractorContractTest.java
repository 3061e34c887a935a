package dev.hybridrag.core.extract.offline;

import dev.hybridrag.core.extract.ChunkExtractor;
import dev.hybridrag.core.extract.ChunkExtractorContract;

/** The offline extractor keeps the chunk extractor contract. */
class HeuristicExtractorContractTest extends ChunkExtractorContract {

    @Override
    protected ChunkExtractor extractor() {
        return HeuristicExtractorTest.EXTRACTOR;
    }
}
