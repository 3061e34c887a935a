package dev.hybridrag.cli.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Records each consumer group has still to read: the end offsets minus the group's committed offsets. */
final class ConsumerLag {

    /** @param lag records behind, summed over the group's partitions */
    record GroupLag(String group, long lag, int partitions) {}

    private static final long WAIT_SECONDS = 5;

    private ConsumerLag() {}

    @SuppressWarnings("deprecation") // listConsumerGroups: listGroups is the successor, not in every 4.x client
    static List<GroupLag> load(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        List<GroupLag> lags = new ArrayList<>();
        for (ConsumerGroupListing listing : admin.listConsumerGroups().all().get(WAIT_SECONDS, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(listing.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            committed.values().removeIf(offset -> offset == null);
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            long lag = committed.entrySet().stream()
                    .mapToLong(entry -> Math.max(
                            0,
                            ends.get(entry.getKey()).offset() - entry.getValue().offset()))
                    .sum();
            lags.add(new GroupLag(listing.groupId(), lag, committed.size()));
        }
        lags.sort((a, b) -> a.group().compareTo(b.group()));
        return lags;
    }
}
