package dev.hybridrag.core.message;

import dev.hybridrag.core.tenant.TenantId;

/**
 * The Kafka key of every file event and extraction record: {@code tenant/relative-path}. Keying by document sends
 * all events of one file to one partition, so they are applied in order.
 */
public record DocumentKey(String tenant, String path) {

    public DocumentKey {
        TenantId.of(tenant);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("document path is empty");
        }
    }

    public static DocumentKey parse(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a tenant/path key");
        }
        return new DocumentKey(key.substring(0, slash), key.substring(slash + 1));
    }

    public String asString() {
        return tenant + "/" + path;
    }
}
