package dev.hybridrag.indexer.wake;

import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of the tenants of one wake-up partition. Wake-ups mark a tenant's work due in a state store (a burst of a
 * hundred wake-ups is one entry), and the first after a quiet {@link #TICK} runs the due work at once; a punctuation
 * every {@link #TICK} (checked at each poll of the stream thread) runs one batch of each due tenant in turn, so a
 * tenant with a long backlog takes turns with the others instead of holding them up, and keeps the entry, due again
 * when the batch says so, until its work is done. When the partition is assigned (at start and at every rebalance)
 * every tenant it carries is swept once: that finds work whose wake-up was lost between a commit and its send.
 */
final class TenantWork implements Processor<String, byte[], Void, Void> {

    static final String STORE = "tenant-work";
    static final Duration TICK = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(TenantWork.class);

    private final TenantRegistry tenants;
    private final TenantPartitions partitions;
    private final Map<Work, Function<TenantConfig, Optional<Duration>>> runners;
    private final Clock clock;
    private KeyValueStore<String, Long> due;
    private long lastRun;

    TenantWork(
            TenantRegistry tenants,
            TenantPartitions partitions,
            Map<Work, Function<TenantConfig, Optional<Duration>>> runners,
            Clock clock) {
        this.tenants = tenants;
        this.partitions = partitions;
        this.runners = runners;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        due = context.getStateStore(STORE);
        int partition = context.taskId().partition();
        List<TenantConfig> swept = partitions.on(partition, tenants.all());
        long now = clock.millis();
        for (TenantConfig tenant : swept) {
            for (Work work : Work.values()) {
                markDue(work, tenant.id().value(), now);
            }
        }
        log.info(
                "wake-up partition {} assigned: {} tenants swept for graph and embedding work",
                partition,
                swept.size());
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, timestamp -> runDue());
    }

    @Override
    public void process(Record<String, byte[]> wakeup) {
        String tenant = wakeup.key();
        if (tenant == null || tenants.find(tenant).isEmpty()) {
            return; // another fleet's tenant (HYBRIDRAG_ONLY), or one no longer configured
        }
        String work = wakeup.value() == null ? "" : new String(wakeup.value(), StandardCharsets.UTF_8);
        long now = clock.millis();
        markDue(Work.of(work), tenant, now);
        if (now - lastRun >= TICK.toMillis()) {
            // The first wake-up after a quiet spell is served at once rather than at the next punctuation, which
            // waits for the stream thread's next poll (up to a second while idle); the rest of a burst is coalesced.
            runDue();
            log.info(
                    "tenant {}: {} work served {} ms after its wake-up was sent, in {} ms",
                    tenant,
                    work,
                    now - wakeup.timestamp(),
                    clock.millis() - now);
        }
    }

    private void markDue(Work work, String tenant, long at) {
        String key = work.label() + "/" + tenant;
        Long current = due.get(key);
        if (current == null || current > at) {
            due.put(key, at);
        }
    }

    /** One batch for each tenant whose work is due; nothing at all (no query) when none is. */
    private void runDue() {
        long now = clock.millis();
        lastRun = now;
        List<String> ready = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = due.all()) {
            while (entries.hasNext()) {
                KeyValue<String, Long> entry = entries.next();
                if (entry.value <= now) {
                    ready.add(entry.key);
                }
            }
        }
        for (String key : ready) {
            int slash = key.indexOf('/');
            Work work = Work.of(key.substring(0, slash));
            Optional<TenantConfig> tenant = tenants.find(key.substring(slash + 1));
            Optional<Duration> next =
                    tenant.isEmpty() ? Optional.empty() : runners.get(work).apply(tenant.get());
            if (next.isEmpty()) {
                due.delete(key);
            } else {
                due.put(key, clock.millis() + next.get().toMillis());
            }
        }
    }
}
