package dev.hybridrag.core.chunk;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/** Counts and cuts text in cl100k_base tokens, the same tokenizer for ingestion and query budgets. */
public final class TokenCounter {

    private static final Encoding CL100K =
            Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    public int count(String text) {
        return CL100K.countTokensOrdinary(text);
    }

    IntArrayList encode(String text) {
        return CL100K.encodeOrdinary(text);
    }

    String decode(IntArrayList tokens) {
        return CL100K.decode(tokens);
    }
}
