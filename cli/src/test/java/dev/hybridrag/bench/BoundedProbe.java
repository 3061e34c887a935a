package dev.hybridrag.bench;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One security probe, run with a deadline on a daemon thread of its own: a client stuck in a retry loop against a wall
 * (a producer waiting for metadata it will never get) counts as refused instead of hanging the benchmark.
 */
@FunctionalInterface
interface BoundedProbe {

    Duration DEADLINE = Duration.ofSeconds(30);

    /** Completes normally when the wall answered; throws when it refused. */
    void run() throws Exception;

    /** @return 1 when the probe was refused (threw or did not finish within the deadline), 0 when it was answered */
    static int refused(BoundedProbe probe) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            probe.run();
            return null;
        });
        Thread thread = new Thread(task, "security-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            task.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        } catch (TimeoutException e) {
            System.out.println("security: a probe got no answer within " + DEADLINE.toSeconds() + " s: refused");
            task.cancel(true);
            return 1;
        } catch (ExecutionException e) {
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing", e);
        }
    }

    /** Setup a probe depends on (creating topics, a user): it must succeed within the deadline, or nothing is proved. */
    static void require(String what, BoundedProbe step) {
        if (refused(step) == 1) {
            throw new IllegalStateException(
                    what + " failed or took over " + DEADLINE.toSeconds() + " s: the probes" + " would prove nothing");
        }
    }
}
