package dev.hybridrag.core.kafka;

import dev.hybridrag.core.chunk.ContentHash;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The pipeline's topics. Every key is {@code tenant/relative-path}. Names start with the prefix
 * (HYBRIDRAG_KAFKA_PREFIX, {@code hybridrag} unless set), read from the process's {@link Environment} like the rest
 * of its settings ({@code Infrastructure.topics()}), so deployments sharing one Kafka (compose/shared) never read
 * each other's records.
 *
 * @param prefix start of every topic name and consumer group
 */
public record Topics(String prefix) {

    /** Large SpecStory files (over 1 MB) travel whole, so topics accept messages well above Kafka's 1 MB default. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    /** A prefix that is not a legal Kafka name fails here, naming the setting. */
    public Topics {
        prefix = KafkaPrefix.of(prefix);
    }

    /** The topics of the deployment the environment names (HYBRIDRAG_KAFKA_PREFIX). */
    public static Topics from(Environment environment) {
        return new Topics(environment.get(Settings.KAFKA_PREFIX));
    }

    /** File events of the live lane ({@link Lane}). */
    public String files() {
        return prefix + ".files";
    }

    /** File events of bulk work ({@code hybridrag ingest}, large files), read apart from the live ones ({@link Lane}). */
    public String filesBulk() {
        return prefix + ".files-bulk";
    }

    /** The file-events topic of a lane. */
    public String files(Lane lane) {
        return lane == Lane.LIVE ? files() : filesBulk();
    }

    /** Extractions of the live lane, for the indexer ({@link Lane}). */
    public String extractions() {
        return prefix + ".extractions";
    }

    /** Extractions of bulk work, applied by the indexer apart from the live ones ({@link Lane}). */
    public String extractionsBulk() {
        return prefix + ".extractions-bulk";
    }

    /** The extractions topic of a lane. */
    public String extractions(Lane lane) {
        return lane == Lane.LIVE ? extractions() : extractionsBulk();
    }

    /** Records a worker gave up on, with where they came from and why ({@link DeadLetters}). */
    public String deadLetters() {
        return prefix + ".dead-letters";
    }

    /**
     * Wake-ups for the indexer that owns a tenant, keyed by tenant: its graph (or embeddings) have work
     * (docs/graph.md). Kafka Streams adds its own topics, named after the {@code PREFIX-graph} application.
     */
    public String graphWakeups() {
        return prefix + ".graph-wakeups";
    }

    /** The topics records flow through; a dead letter goes back to one of these. */
    public List<String> pipeline() {
        return List.of(files(), filesBulk(), extractions(), extractionsBulk());
    }

    public List<String> all() {
        return List.of(files(), filesBulk(), extractions(), extractionsBulk(), deadLetters(), graphWakeups());
    }

    /** The consumer group one kind of worker shares, e.g. {@code hybridrag-extractor}. */
    public String group(String worker) {
        return prefix + "-" + worker;
    }

    /**
     * The consumer group of a worker fleet: {@link #group(String)}, or for a fleet serving some tenants only, a group
     * of its own named after them ({@code hybridrag-extractor-only-team_a.team_b}). Sharing a group would hand this
     * fleet partitions full of other fleets' tenants; with its own group it reads every record and skips theirs.
     */
    public String group(String worker, TenantRegistry tenants) {
        if (!tenants.servesSubset()) {
            return group(worker);
        }
        String served = String.join(
                ".", tenants.all().stream().map(t -> t.id().value()).sorted().toList());
        // Kafka allows 249 characters; many long ids are replaced by their hash.
        return group(worker) + "-only-"
                + (served.length() <= 180 ? served : ContentHash.of(served).substring(0, 16));
    }

    /** Creates the missing topics on one broker; safe to call from every service at start. */
    public void ensure(Admin admin, int partitions) {
        ensure(admin, TopicLayout.singleBroker(partitions));
    }

    /** Creates the missing topics with the layout's partitions and replication; safe to call from every service. */
    public void ensure(Admin admin, TopicLayout layout) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = all().stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, layout.partitions(), layout.replicationFactor())
                            .configs(layout.configs(MAX_MESSAGE_BYTES)))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create Kafka topics: " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        }
    }
}
