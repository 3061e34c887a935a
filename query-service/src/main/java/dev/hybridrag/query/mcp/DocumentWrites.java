package dev.hybridrag.query.mcp;

import dev.hybridrag.core.tenant.TenantConfig;

/** Where the write tools hand documents to the pipeline: the project's one document intake. */
interface DocumentWrites extends AutoCloseable {

    /** @return the version the document's row reaches once the pipeline has applied the change */
    long put(TenantConfig tenant, String path, String text) throws InterruptedException;

    /** @return the version the deletion carries */
    long delete(TenantConfig tenant, String path) throws InterruptedException;

    @Override
    void close();
}
