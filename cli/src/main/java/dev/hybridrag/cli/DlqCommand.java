package dev.hybridrag.cli;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.DeadLetters;
import dev.hybridrag.core.kafka.KafkaClients;
import dev.hybridrag.core.kafka.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The dead-letter topic, for operators: what the workers gave up on and why, and sending it through again. */
@Command(
        name = "dlq",
        description = "Records the workers gave up on.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Replay.class})
final class DlqCommand {

    static List<DeadLetters.Entry> read(KafkaClients clients) {
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer("hybridrag-dlq-reader", "dlq-reader", 500)) {
            return DeadLetters.list(consumer, topics());
        }
    }

    /** The deployment's topics, named by this process's environment (HYBRIDRAG_KAFKA_PREFIX). */
    static Topics topics() {
        return Topics.from(Environment.system());
    }

    static KafkaClients clients() {
        return KafkaClients.fromEnvironment(Environment.system());
    }

    @Command(name = "list", description = "Every dead letter, oldest first: id, when, where from, key, error.")
    static final class ListLetters implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetters.Entry> entries = read(clients());
            if (entries.isEmpty()) {
                out.println("no dead letters");
            }
            for (DeadLetters.Entry entry : entries) {
                out.printf(
                        "%-8s %s  %s  %s%n         %s%n",
                        entry.id(), entry.failedAt(), entry.sourceRecord(), entry.key(), entry.error());
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "replay",
            description = "Send dead letters back to the topic they came from, to be processed again (after a fix)."
                    + " They stay listed: the topic is a log.")
    static final class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--id", split = ",", description = "ids as `dlq list` prints them (partition@offset)")
            List<String> ids;

            @Option(names = "--all", description = "every dead letter")
            boolean all;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            KafkaClients clients = clients();
            List<DeadLetters.Entry> entries = read(clients).stream()
                    .filter(entry -> which.all || which.ids.contains(entry.id()))
                    .toList();
            if (!which.all) {
                List<String> unknown = which.ids.stream()
                        .filter(id -> entries.stream().noneMatch(e -> e.id().equals(id)))
                        .toList();
                if (!unknown.isEmpty()) {
                    spec.commandLine().getErr().println("no dead letter with id " + String.join(", ", unknown));
                    return 2;
                }
            }
            try (KafkaProducer<String, byte[]> producer = clients.producer("dlq-replay")) {
                new DeadLetters(producer, topics()).replay(entries);
            }
            entries.forEach(
                    entry -> out.printf("replayed %s (%s) to %s%n", entry.id(), entry.key(), entry.sourceTopic()));
            out.flush();
            return 0;
        }
    }
}
