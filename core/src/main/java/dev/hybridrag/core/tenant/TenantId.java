package dev.hybridrag.core.tenant;

import java.util.regex.Pattern;

/** A tenant id, validated before it can reach SQL, a Kafka key or a path. */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid tenant id: it must match [a-z][a-z0-9_]{0,62}");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
