package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.bench.FakeProviderModels;
import dev.hybridrag.bench.TenantProgress;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.lifecycle.Service;
import dev.hybridrag.core.storage.TenantSnapshot;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6's scale-out: extractor and indexer replicas go from 1 to 4 and back to 1 while files (drafts, then their
 * final text) flow through 4 partitions. Every replica gets partitions while it runs, and the tenant ends equal to a
 * clean single-replica ingest of the final files: nothing lost or applied twice across the rebalances.
 */
class ScaleOutIT {

    private static final int FILES = 24;

    @RegisterExtension
    final RunningPipeline pipeline = RunningPipeline.with(
                    ServiceKind.indexer, ServiceKind.extractor, ServiceKind.watcher)
            .settings(Map.of("HYBRIDRAG_TOPIC_PARTITIONS", "4"))
            .provider(provider -> provider)
            .tenants(p -> List.of(
                    TestInfrastructure.tenant(
                            "clean",
                            p.postgres().settings(),
                            p.root().resolve("clean"),
                            FakeProviderModels.of(p.provider())),
                    TestInfrastructure.tenant(
                            "scaled",
                            p.postgres().settings(),
                            p.root().resolve("scaled"),
                            FakeProviderModels.of(p.provider()))));

    @Test
    void replicasJoinAndLeaveWithoutLossOrDuplication() throws Exception {
        Infrastructure infra = pipeline.infra();
        TenantConfig clean = pipeline.tenant("clean");
        TenantConfig scaled = pipeline.tenant("scaled");
        Replicas replicas = new Replicas(pipeline.services(), infra);
        try (Admin admin = infra.kafka().admin()) {
            TenantProgress progress = new TenantProgress(infra);
            for (int i = 0; i < FILES; i++) {
                write(clean, i, finalText(i));
            }
            progress.awaitSettled(clean, FILES, Duration.ofMinutes(3));

            int wave = 0;
            for (int count : new int[] {2, 3, 4, 3, 2, 1}) {
                replicas.resize(count - 1);
                awaitEveryReplicaAssigned(admin, infra.topics().group("extractor"), count);
                awaitEveryReplicaAssigned(admin, infra.topics().group("indexer"), count);
                for (int i = wave * 4; i < wave * 4 + 4; i++) {
                    write(scaled, i, draft(i));
                    write(scaled, (i + 12) % FILES, finalText((i + 12) % FILES));
                }
                wave++;
            }
            for (int i = 0; i < FILES; i++) {
                write(scaled, i, finalText(i));
            }
            progress.awaitSettled(scaled, FILES, Duration.ofMinutes(3));

            TenantSnapshot expected = TenantSnapshot.load(infra.dataSource(clean), clean.workspace());
            TenantSnapshot actual = TenantSnapshot.load(infra.dataSource(scaled), scaled.workspace());
            assertThat(actual.differences(expected, 10)).isEmpty();
            assertThat(actual.rows("chunks")).isEqualTo(expected.rows("chunks")).isGreaterThan(FILES);
        }
    }

    /** Every member of the group holds at least one partition (4 partitions, at most 4 members). */
    private static void awaitEveryReplicaAssigned(Admin admin, String group, int members) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                            .all()
                            .get()
                            .get(group);
                    assertThat(description.members()).hasSize(members);
                    assertThat(description.members())
                            .allSatisfy(member -> assertThat(partitions(member)).isPositive());
                });
    }

    private static int partitions(MemberDescription member) {
        return member.assignment().topicPartitions().size();
    }

    private static void write(TenantConfig tenant, int number, String content) throws Exception {
        Path root = tenant.watch().getFirst().root();
        Files.createDirectories(root);
        Files.writeString(root.resolve("notes-%02d.md".formatted(number)), content);
    }

    private static String draft(int number) {
        return "# Notes %d\n\nA draft that the final text replaces.\n".formatted(number);
    }

    /** Three sections of about 600 tokens: two or three chunks each. */
    private static String finalText(int number) {
        Random random = new Random(number);
        String[] words = {"Kafka", "partition", "replica", "Minsky", "offset", "commit", "PostgreSQL", "chunk", "graph"
        };
        StringBuilder text = new StringBuilder("# Notes %d\n".formatted(number));
        for (int section = 0; section < 3; section++) {
            text.append("\n## Section ").append(section).append("\n\n");
            for (int word = 0; word < 450; word++) {
                text.append(words[random.nextInt(words.length)]).append(word % 12 == 11 ? ".\n" : " ");
            }
        }
        return text.toString();
    }

    /** Extractor and indexer replicas beyond the pipeline's own, started and stopped (gracefully) in this JVM. */
    private record Replicas(RunningServices services, Infrastructure infra, List<List<Service>> running) {

        Replicas(RunningServices services, Infrastructure infra) {
            this(services, infra, new ArrayList<>());
        }

        void resize(int extra) throws Exception {
            while (running.size() < extra) {
                running.add(services.add(infra, List.of(ServiceKind.extractor, ServiceKind.indexer)));
            }
            while (running.size() > extra) {
                running.removeLast().reversed().forEach(services::close);
            }
        }
    }
}
