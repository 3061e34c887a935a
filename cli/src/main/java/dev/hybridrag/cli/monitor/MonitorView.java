package dev.hybridrag.cli.monitor;

import dev.hybridrag.cli.monitor.ConsumerLag.GroupLag;
import dev.hybridrag.cli.monitor.FleetSnapshot.Service;
import dev.hybridrag.cli.monitor.PostgresActivity.Connections;
import dev.hybridrag.cli.monitor.PostgresActivity.DatabaseSize;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A snapshot as a terminal page: services, PostgreSQL, Kafka, tenants, and what could not be read. */
final class MonitorView {

    private MonitorView() {}

    static void print(FleetSnapshot snapshot, PrintWriter out) {
        out.printf("hybridrag monitor  %s%n%n", snapshot.takenAt());
        out.printf("%-16s %8s %7s %10s%n", "SERVICE", "PID", "CPU%", "MEMORY");
        for (Service service : snapshot.services()) {
            out.printf(
                    "%-16s %8d %7.1f %10s%n",
                    service.name(), service.pid(), service.cpuPercent(), size(service.residentBytes()));
        }
        Map<String, Long> replicas = snapshot.services().stream()
                .collect(Collectors.groupingBy(
                        service -> service.name().replaceFirst("-\\d+$", ""), TreeMap::new, Collectors.counting()));
        out.printf("replicas: %s%n%n", replicas.isEmpty() ? "no pid files (is the stack up?)" : replicas);

        out.printf("%-22s %-28s %10s%n", "SERVER", "DATABASE", "SIZE");
        for (DatabaseSize size : snapshot.databases()) {
            out.printf("%-22s %-28s %10s%n", size.server(), size.database(), size(size.bytes()));
        }
        out.printf("%n%-22s %-28s %-16s %6s %6s %9s%n", "SERVER", "DATABASE", "ROLE", "CONNS", "ACTIVE", "LONGEST");
        for (Connections connections : snapshot.connections()) {
            out.printf(
                    "%-22s %-28s %-16s %6d %6d %8.1fs%n",
                    connections.server(),
                    connections.database(),
                    connections.role(),
                    connections.total(),
                    connections.active(),
                    connections.longestActiveSeconds());
        }
        out.printf("%n%-44s %10s %10s%n", "CONSUMER GROUP", "PARTITIONS", "LAG");
        for (GroupLag lag : snapshot.consumerLag()) {
            out.printf("%-44s %10d %10d%n", lag.group(), lag.partitions(), lag.lag());
        }
        out.printf(
                "%n%-18s %-48s %7s %8s %9s %6s %8s %s%n",
                "TENANT",
                "DOCUMENTS",
                "CHUNKS",
                "ENTITIES",
                "RELATIONS",
                "/MIN",
                "SETTLING",
                "SPEND TODAY / BUDGET (USD)");
        for (TenantActivity tenant : snapshot.tenants()) {
            out.printf(
                    "%-18s %-48s %7d %8d %9d %6d %8d %s%n",
                    tenant.tenant(),
                    documents(tenant.documents()),
                    tenant.chunks(),
                    tenant.entities(),
                    tenant.relations(),
                    tenant.processedLastMinute(),
                    tenant.settlingKeys(),
                    spend(tenant));
        }
        for (String problem : snapshot.problems()) {
            out.printf("%nunreadable: %s", problem);
        }
        out.println();
        out.flush();
    }

    private static String documents(Map<String, Long> byStatus) {
        return byStatus.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String spend(TenantActivity tenant) {
        if (tenant.budgetUsd() <= 0) {
            return String.format("%.4f / no budget", tenant.spentTodayUsd());
        }
        return String.format(
                "%.4f / %.2f (%.0f%%)",
                tenant.spentTodayUsd(), tenant.budgetUsd(), 100 * tenant.spentTodayUsd() / tenant.budgetUsd());
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format("%.1f MiB", bytes / (double) (1L << 20));
    }
}
