package dev.hybridrag.cli;

import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** {@code --mode} and {@code --top-k}: how a question is answered, for {@code query} and {@code interactive}. */
final class ModeOptions {

    @Option(
            names = "--mode",
            defaultValue = "mix",
            description = "retrieval mode: local, global, hybrid, naive, mix, bypass (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--top-k", description = "top_k: entities or relations to retrieve (default: the server's, 40)")
    Integer topK;

    OptionalInt topK() {
        return topK == null ? OptionalInt.empty() : OptionalInt.of(topK);
    }
}
