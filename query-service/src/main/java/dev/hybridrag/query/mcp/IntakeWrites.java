package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.LazyIntake;
import dev.hybridrag.core.tenant.TenantConfig;

/** Documents from tools enter through the document intake, exactly like a file saved in a watched folder. */
final class IntakeWrites implements DocumentWrites {

    private final LazyIntake intake;

    IntakeWrites(Infrastructure infra) {
        this.intake = new LazyIntake(infra, "query-service-mcp");
    }

    @Override
    public long put(TenantConfig tenant, String path, String text) throws InterruptedException {
        return intake.get().put(tenant, path, text);
    }

    @Override
    public long delete(TenantConfig tenant, String path) throws InterruptedException {
        return intake.get().delete(tenant, path);
    }

    @Override
    public void close() {
        intake.close();
    }
}
