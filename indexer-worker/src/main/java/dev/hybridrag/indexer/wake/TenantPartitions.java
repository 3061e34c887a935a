package dev.hybridrag.indexer.wake;

import dev.hybridrag.core.tenant.TenantConfig;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/** Which tenants a partition of the wake-up topic carries: the producer's default partitioning of the tenant key. */
record TenantPartitions(int partitions) {

    int of(String tenant) {
        return Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    List<TenantConfig> on(int partition, Collection<TenantConfig> tenants) {
        return tenants.stream()
                .filter(tenant -> of(tenant.id().value()) == partition)
                .toList();
    }
}
