package dev.hybridrag.query.mcp;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.intake.DocumentIntake;
import dev.hybridrag.core.tenant.TenantConfig;

/** Documents from tools enter through the document intake, exactly like a file saved in a watched folder. */
final class IntakeWrites implements DocumentWrites {

    private final Infrastructure infra;
    private DocumentIntake intake;

    IntakeWrites(Infrastructure infra) {
        this.infra = infra;
    }

    @Override
    public long put(TenantConfig tenant, String path, String text) throws InterruptedException {
        return intake().put(tenant, path, text);
    }

    @Override
    public long delete(TenantConfig tenant, String path) throws InterruptedException {
        return intake().delete(tenant, path);
    }

    private synchronized DocumentIntake intake() {
        if (intake == null) {
            intake = new DocumentIntake(infra, "query-service-mcp");
        }
        return intake;
    }

    @Override
    public synchronized void close() {
        if (intake != null) {
            intake.close();
        }
    }
}
