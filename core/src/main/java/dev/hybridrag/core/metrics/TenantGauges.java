package dev.hybridrag.core.metrics;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.storage.TenantStatus;
import dev.hybridrag.core.tenant.TenantConfig;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class TenantGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TenantGauges.class);

    private final Infrastructure infra;
    private final MultiGauge documents = gauge("hybridrag.documents", "documents by status");
    private final MultiGauge dirtyKeys = gauge("hybridrag.graph.keys.dirty", "graph keys waiting to be rebuilt");
    private final MultiGauge spend = gauge("hybridrag.llm.spend.usd", "estimated LLM spend today (UTC), fleet-wide");
    private final MultiGauge budget = gauge("hybridrag.llm.budget.usd", "daily LLM budget (0: none)");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tenant-gauges");
        thread.setDaemon(true);
        return thread;
    });

    public TenantGauges(Infrastructure infra) {
        this.infra = infra;
    }

    public TenantGauges start(Duration every) {
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads every tenant once; a tenant whose database cannot be read has no database series until it can be. */
    public void refresh() {
        List<MultiGauge.Row<?>> documentRows = new ArrayList<>();
        List<MultiGauge.Row<?>> dirtyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> spendRows = new ArrayList<>();
        List<MultiGauge.Row<?>> budgetRows = new ArrayList<>();
        for (TenantConfig tenant : infra.tenants().all()) {
            String id = tenant.id().value();
            budgetRows.add(MultiGauge.Row.of(
                    Tags.of("tenant", id), tenant.models().limits().dailyBudgetUsd()));
            try {
                TenantStatus status = TenantStatus.load(infra.dataSource(tenant), tenant.workspace());
                status.documents()
                        .forEach((label, count) ->
                                documentRows.add(MultiGauge.Row.of(Tags.of("tenant", id, "status", label), count)));
                dirtyRows.add(MultiGauge.Row.of(Tags.of("tenant", id), status.settlingKeys()));
                spendRows.add(MultiGauge.Row.of(
                        Tags.of("tenant", id), infra.models().budget(tenant).spentTodayUsd()));
            } catch (Exception e) {
                LOG.debug("tenant {}: gauges not refreshed: {}", id, e.getMessage());
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
