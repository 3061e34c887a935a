package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import picocli.CommandLine.Parameters;

/** An {@link InfraCommand} on one configured tenant, named as its first parameter. */
abstract class OneTenantCommand extends InfraCommand {

    @Parameters(index = "0", paramLabel = "TENANT", description = "a configured tenant id")
    String tenant;

    /** @throws dev.hybridrag.core.config.ConfigException naming the tenant when it is not configured */
    TenantConfig tenant(Infrastructure infra) {
        return infra.tenants().require(tenant);
    }
}
