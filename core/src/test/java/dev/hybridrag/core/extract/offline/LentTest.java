package dev.hybridrag.core.extract.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LentTest {

    @Test
    void oneCallerAfterAnotherReusesTheSameInstance() {
        AtomicInteger made = new AtomicInteger();
        Lent<StringBuilder> lent = new Lent<>(() -> {
            made.incrementAndGet();
            return new StringBuilder();
        });

        for (int i = 0; i < 100; i++) {
            lent.use(builder -> builder.append('x'));
        }

        assertThat(made).hasValue(1);
        assertThat(lent.use(StringBuilder::length)).isEqualTo(100);
    }

    @Test
    void callersAtTheSameTimeNeverShareAnInstanceEvenOnNewVirtualThreads() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Lent<int[]> lent = new Lent<>(() -> {
            made.incrementAndGet();
            return new int[1];
        });
        Set<int[]> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger shared = new AtomicInteger();
        int callers = 8;
        CountDownLatch allIn = new CountDownLatch(callers);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                done.add(threads.submit(() -> lent.use(instance -> {
                    if (!inUse.add(instance)) {
                        shared.incrementAndGet();
                    }
                    allIn.countDown();
                    try {
                        // every caller holds its instance until all of them hold one
                        allIn.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inUse.remove(instance);
                    return null;
                })));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
            // a second wave on new threads finds the instances the first one gave back
            for (int i = 0; i < callers; i++) {
                threads.submit(() -> lent.use(instance -> instance[0]++)).get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(shared).hasValue(0);
        assertThat(made).hasValue(callers);
    }
}
