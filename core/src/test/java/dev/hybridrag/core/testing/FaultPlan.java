package dev.hybridrag.core.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What {@link FakeOpenAiServer} does wrong on one endpoint: queued faults first, one per request, then random faults
 * with given probabilities from a seeded {@link Random}. Requests that draw no fault are answered normally.
 */
public final class FaultPlan {

    private record Chance(double probability, Fault fault) {}

    private final Deque<Fault> queued = new ArrayDeque<>();
    private final List<Chance> chances = new ArrayList<>();
    private final Set<Integer> drawnFor = new HashSet<>();
    private Random random = new Random(0);
    private boolean perCall;

    /** The next requests get these faults, in order. */
    public synchronized FaultPlan then(Fault... faults) {
        queued.addAll(List.of(faults));
        return this;
    }

    /** The next {@code count} requests get {@code fault}. */
    public synchronized FaultPlan times(int count, Fault fault) {
        for (int i = 0; i < count; i++) {
            queued.add(fault);
        }
        return this;
    }

    /** Once the queue is empty, each request gets {@code fault} with this probability (chances add up, at most 1). */
    public synchronized FaultPlan sometimes(double probability, Fault fault) {
        double total = chances.stream().mapToDouble(Chance::probability).sum() + probability;
        if (probability < 0 || total > 1 + 1e-9) {
            throw new IllegalArgumentException("fault probabilities must add up to at most 1, got " + total);
        }
        chances.add(new Chance(probability, fault));
        return this;
    }

    /**
     * Random faults are drawn once per distinct request body: a retry of the same request is answered normally.
     * This models "30% of calls fail" rather than "30% of attempts fail".
     */
    public synchronized FaultPlan perCall() {
        perCall = true;
        return this;
    }

    public synchronized FaultPlan seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Forgets queued and random faults: every request succeeds from now on. */
    public synchronized void clear() {
        queued.clear();
        chances.clear();
        drawnFor.clear();
        perCall = false;
    }

    synchronized Optional<Fault> next(String body) {
        if (!queued.isEmpty()) {
            return Optional.of(queued.poll());
        }
        if (chances.isEmpty() || (perCall && !drawnFor.add(body.hashCode()))) {
            return Optional.empty();
        }
        double roll = random.nextDouble();
        for (Chance chance : chances) {
            roll -= chance.probability();
            if (roll < 0) {
                return Optional.of(chance.fault());
            }
        }
        return Optional.empty();
    }
}
