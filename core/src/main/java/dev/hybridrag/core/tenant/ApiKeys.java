package dev.hybridrag.core.tenant;

import dev.hybridrag.core.chunk.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's query API keys. Only their SHA-256 hashes are kept, so a key never sits in memory dumps or
 * {@code toString()} output, and comparison takes the same time whatever the guess.
 */
public final class ApiKeys {

    private static final ApiKeys NONE = new ApiKeys(List.of());

    private final List<byte[]> hashes;

    private ApiKeys(List<byte[]> hashes) {
        this.hashes = hashes;
    }

    public static ApiKeys none() {
        return NONE;
    }

    /** @param keys the accepted keys; blank ones are ignored */
    public static ApiKeys of(List<String> keys) {
        return new ApiKeys(keys.stream()
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .map(ApiKeys::hash)
                .toList());
    }

    /** No key configured: every request is let in (the service binds to loopback by default). */
    public boolean required() {
        return !hashes.isEmpty();
    }

    public boolean accepts(String presented) {
        return fingerprint(presented).isPresent();
    }

    /**
     * The hash of the presented key when it is one of these keys: what rate limits are counted under, so the key
     * itself is never kept.
     */
    public Optional<String> fingerprint(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = hash(presented.strip());
        boolean match = false;
        for (byte[] hash : hashes) {
            match |= MessageDigest.isEqual(hash, candidate); // no early exit: every key is compared
        }
        return match ? Optional.of(new String(candidate, StandardCharsets.US_ASCII)) : Optional.empty();
    }

    private static byte[] hash(String key) {
        return ContentHash.of(key).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "ApiKeys[" + hashes.size() + " key(s)]";
    }
}
