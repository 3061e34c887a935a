package dev.hybridrag.core.storage;

import dev.hybridrag.core.embed.EmbeddingModel;
import java.util.Optional;

/**
 * Which model a tenant's vectors are in ({@code active}: what questions are embedded with) and, while a changed
 * model is rolled out, the model re-embedding is moving them to, with its progress.
 *
 * @param total vectors to re-embed, counted when re-embedding started
 * @param done vectors re-embedded so far (kept across restarts)
 */
public record EmbeddingState(EmbeddingModel active, Optional<EmbeddingModel> target, long total, long done) {

    public boolean reEmbedding() {
        return target.isPresent();
    }

    /** What {@code tenant stats} prints. */
    public String describe() {
        if (target.isEmpty()) {
            return active.describe();
        }
        return "re-embedding " + Math.min(done, total) + "/" + total + " with model "
                + target.get().describe() + "; queries use " + active.describe() + " until the switch";
    }
}
