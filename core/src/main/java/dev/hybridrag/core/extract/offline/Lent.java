package dev.hybridrag.core.extract.offline;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Instances that are not thread-safe (OpenNLP's taggers and sentence detectors), lent to one caller at a time and
 * kept for the next. OpenNLP's own {@code ThreadSafe...ME} keep one per thread, which suits a fixed pool of threads
 * but not the query-service's virtual threads, a new one per search: every question built a new part-of-speech
 * tagger, parsing its feature descriptor again: half of the keyword finder's time (docs/benchmarks/query-cpu.md).
 * As many are kept as were ever in use at once.
 */
final class Lent<T> {

    private final Queue<T> idle = new ConcurrentLinkedQueue<>();
    private final Supplier<T> make;

    Lent(Supplier<T> make) {
        this.make = make;
    }

    <R> R use(Function<T, R> work) {
        T instance = idle.poll();
        if (instance == null) {
            instance = make.get();
        }
        try {
            return work.apply(instance);
        } finally {
            idle.offer(instance);
        }
    }
}
