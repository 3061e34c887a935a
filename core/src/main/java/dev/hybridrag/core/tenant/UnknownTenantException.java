package dev.hybridrag.core.tenant;

/** A request or record named a tenant that is not configured. */
public class UnknownTenantException extends RuntimeException {
    public UnknownTenantException(String id) {
        super("unknown tenant '" + (TenantId.isValid(id) ? id : "(invalid id)") + "'");
    }
}
