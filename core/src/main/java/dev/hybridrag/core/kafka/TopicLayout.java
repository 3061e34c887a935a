package dev.hybridrag.core.kafka;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.util.Map;

/**
 * How hybridrag creates its topics: partitions bound the replicas of a worker kind; replication factor and
 * {@code min.insync.replicas} decide how many brokers may fail (3 and 2 on a three-broker cluster: one broker down
 * loses no acknowledged write and stops no producer). One broker takes 1 and 1.
 */
public record TopicLayout(int partitions, short replicationFactor, int minInsyncReplicas) {

    public TopicLayout {
        if (minInsyncReplicas > replicationFactor) {
            throw new ConfigException(Settings.TOPIC_MIN_INSYNC_REPLICAS.name() + "=" + minInsyncReplicas
                    + " is more than " + Settings.TOPIC_REPLICATION_FACTOR.name() + "=" + replicationFactor
                    + ": no write could ever be acknowledged");
        }
    }

    public static TopicLayout fromEnvironment(Environment env) {
        return new TopicLayout(
                env.getInt(Settings.TOPIC_PARTITIONS),
                (short) env.getInt(Settings.TOPIC_REPLICATION_FACTOR),
                env.getInt(Settings.TOPIC_MIN_INSYNC_REPLICAS));
    }

    /** A single broker's layout. */
    public static TopicLayout singleBroker(int partitions) {
        return new TopicLayout(partitions, (short) 1, 1);
    }

    /** The topic-level configs beyond the partition count and replication factor. */
    Map<String, String> configs(int maxMessageBytes) {
        return Map.of(
                "max.message.bytes", String.valueOf(maxMessageBytes),
                "min.insync.replicas", String.valueOf(minInsyncReplicas));
    }
}
