package dev.hybridrag.core.metrics;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the database says about each tenant, as gauges refreshed on a timer (never one query per scrape per tenant):
 * {@code hybridrag_documents{tenant,status}}, {@code hybridrag_graph_keys_dirty{tenant}}, {@code
 * hybridrag_llm_spend_usd{tenant}} (today, fleet-wide, from the spend ledger) and {@code
 * hybridrag_llm_budget_usd{tenant}}. Run by query-service, so the fleet reports each once.
 *
 * <p>An idle fleet must not pay for its gauges in proportion to its tenants (issue 17: at most 10 PostgreSQL
 * transactions per second for 1,050 idle tenants). So the tenants are read one at a time, in turn, each every
 * {@code every} but never more than one per {@link #MIN_PAUSE} (with 1,050 tenants a tenant's gauges are about 18
 * minutes old at worst), with one connection and one statement per tenant; and a tenant whose database has no pool
 * open in this process (a database-mode tenant nobody used lately) is not read, which would open its pool.
 */
public final class TenantGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TenantGauges.class);
    static final Duration MIN_PAUSE = Duration.ofSeconds(1);

    private final Infrastructure infra;
    private final MultiGauge documents = gauge("hybridrag.documents", "documents by status");
    private final MultiGauge dirtyKeys = gauge("hybridrag.graph.keys.dirty", "graph keys waiting to be rebuilt");
    private final MultiGauge spend = gauge("hybridrag.llm.spend.usd", "estimated LLM spend today (UTC), fleet-wide");
    private final MultiGauge budget = gauge("hybridrag.llm.budget.usd", "daily LLM budget (0: none)");
    private final Map<String, TenantReading> readings = new ConcurrentHashMap<>();
    private final Deque<TenantConfig> turn = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tenant-gauges");
        thread.setDaemon(true);
        return thread;
    });
    private Duration every = Duration.ofSeconds(15);

    public TenantGauges(Infrastructure infra) {
        this.infra = infra;
    }

    /** Reads each tenant about every {@code every}, one tenant at a time. */
    public TenantGauges start(Duration every) {
        this.every = every;
        timer.schedule(this::readNext, 0, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads every tenant once, now; a tenant whose database cannot be read keeps its last values. */
    public void refresh() {
        infra.tenants().all().forEach(tenant -> read(tenant, true));
        publish();
    }

    private void readNext() {
        Collection<TenantConfig> tenants = infra.tenants().all();
        try {
            if (turn.isEmpty()) {
                turn.addAll(tenants); // a new round: tenants added or removed since the last one are seen
            }
            TenantConfig tenant = turn.poll();
            if (tenant != null && read(tenant, false)) {
                publish();
            }
        } catch (RuntimeException e) {
            LOG.warn("tenant gauges not refreshed: {}", e.toString());
        } finally {
            long pause = Math.max(MIN_PAUSE.toMillis(), every.toMillis() / Math.max(1, tenants.size()));
            if (!timer.isShutdown()) {
                timer.schedule(this::readNext, pause, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** @return whether the tenant's values changed */
    private boolean read(TenantConfig tenant, boolean openingPools) {
        String id = tenant.id().value();
        if (!openingPools && !infra.databases().isOpen(tenant.postgres())) {
            return false;
        }
        try {
            TenantReading reading = TenantReading.load(
                    infra.dataSource(tenant),
                    tenant.workspace(),
                    LocalDate.now(infra.clock().withZone(ZoneOffset.UTC)));
            return !Objects.equals(readings.put(id, reading), reading);
        } catch (Exception e) {
            LOG.debug("tenant {}: gauges not refreshed: {}", id, e.getMessage());
            return false;
        }
    }

    private void publish() {
        List<MultiGauge.Row<?>> documentRows = new ArrayList<>();
        List<MultiGauge.Row<?>> dirtyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> spendRows = new ArrayList<>();
        List<MultiGauge.Row<?>> budgetRows = new ArrayList<>();
        for (TenantConfig tenant : infra.tenants().all()) {
            String id = tenant.id().value();
            budgetRows.add(MultiGauge.Row.of(
                    Tags.of("tenant", id), tenant.models().limits().dailyBudgetUsd()));
            TenantReading reading = readings.get(id);
            if (reading != null) {
                reading.documents()
                        .forEach((label, count) ->
                                documentRows.add(MultiGauge.Row.of(Tags.of("tenant", id, "status", label), count)));
                dirtyRows.add(MultiGauge.Row.of(Tags.of("tenant", id), reading.dirtyKeys()));
                spendRows.add(MultiGauge.Row.of(Tags.of("tenant", id), reading.spentTodayUsd()));
            }
        }
        documents.register(documentRows, true);
        dirtyKeys.register(dirtyRows, true);
        spend.register(spendRows, true);
        budget.register(budgetRows, true);
    }

    private static MultiGauge gauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(Metrics.globalRegistry);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
