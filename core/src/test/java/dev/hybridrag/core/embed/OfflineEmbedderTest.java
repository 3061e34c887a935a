package dev.hybridrag.core.embed;

/** The default, offline embedder keeps the embedder contract. */
class OfflineEmbedderTest extends EmbedderContract {

    // About a second to load the model: once for the class.
    private static final OfflineEmbedder EMBEDDER = new OfflineEmbedder();

    @Override
    protected Embedder embedder() {
        return EMBEDDER;
    }
}
