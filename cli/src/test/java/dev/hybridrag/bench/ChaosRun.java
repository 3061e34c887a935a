package dev.hybridrag.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of one chaos run: while the corpus is copied into a watched folder file by file, a random worker is
 * killed with SIGKILL every few seconds and started again; a third of the way through PostgreSQL is restarted, two
 * thirds of the way the Kafka broker. Runs until the corpus is copied and at least the asked number of kills is done.
 */
final class ChaosRun {

    /** What was done to the pipeline. */
    record Faults(int kills, Duration postgresRestart, Duration kafkaRestart, List<String> exitedByThemselves) {}

    private final WorkerProcesses workers;
    private final ChaosStack stack;
    private final List<String> victims;
    private final int minKills;
    private final Duration feedTime;

    ChaosRun(WorkerProcesses workers, ChaosStack stack, List<String> victims, int minKills, Duration feedTime) {
        this.workers = workers;
        this.stack = stack;
        this.victims = List.copyOf(victims);
        this.minKills = minKills;
        this.feedTime = feedTime;
    }

    Faults run(List<Path> corpus, Path inbox, long seed) throws Exception {
        Random random = new Random(seed);
        Duration pause = feedTime.dividedBy(corpus.size());
        Thread feeder = Thread.ofPlatform().name("chaos-feeder").start(() -> feed(corpus, inbox, pause));
        int kills = 0;
        Duration postgres = Duration.ZERO;
        Duration kafka = Duration.ZERO;
        List<String> exited = new ArrayList<>();
        while (kills < minKills || feeder.isAlive()) {
            Thread.sleep(2000 + random.nextInt(3000));
            String victim = victims.get(random.nextInt(victims.size()));
            workers.kill(victim);
            kills++;
            workers.restart(victim);
            System.out.printf("chaos: kill %d: %s%n", kills, victim);
            if (kills == minKills / 3) {
                postgres = stack.restartPostgres();
                System.out.printf("chaos: PostgreSQL restarted in %d ms%n", postgres.toMillis());
            } else if (kills == 2 * minKills / 3) {
                kafka = stack.restartKafka();
                System.out.printf("chaos: Kafka restarted in %d ms%n", kafka.toMillis());
            }
            restartExited(exited);
        }
        feeder.join();
        restartExited(exited);
        return new Faults(kills, postgres, kafka, exited);
    }

    /** A worker that exits by itself is a finding: it is noted, and started again so the run can finish. */
    private void restartExited(List<String> exited) throws Exception {
        for (String name : workers.exited()) {
            System.out.printf("chaos: %s exited by itself; starting it again%n", name);
            exited.add(name);
            workers.restart(name);
        }
    }

    private static void feed(List<Path> corpus, Path inbox, Duration pause) {
        try {
            for (Path file : corpus) {
                BenchPipeline.copyCorpusFiles(List.of(file), inbox);
                Thread.sleep(pause);
            }
        } catch (Exception e) {
            throw new IllegalStateException("copying the corpus failed", e);
        }
    }
}
