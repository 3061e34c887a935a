package dev.hybridrag.cli.monitor;

import dev.hybridrag.cli.monitor.ConsumerLag.GroupLag;
import dev.hybridrag.cli.monitor.PostgresActivity.Connections;
import dev.hybridrag.cli.monitor.PostgresActivity.DatabaseSize;
import java.util.List;

/**
 * The fleet at one moment, as {@code ./hybridrag monitor} shows it and {@code --json} prints it. A part that could
 * not be read is empty and named in {@code problems}: the rest is still worth seeing.
 */
record FleetSnapshot(
        String takenAt,
        List<Service> services,
        List<DatabaseSize> databases,
        List<Connections> connections,
        List<GroupLag> consumerLag,
        List<TenantActivity> tenants,
        List<String> problems) {

    /**
     * A process of the local stack.
     *
     * @param cpuPercent share of one core since the previous snapshot
     */
    record Service(String name, long pid, double cpuPercent, long residentBytes) {}
}
