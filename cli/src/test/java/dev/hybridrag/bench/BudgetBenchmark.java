package dev.hybridrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.FakeOpenAiServer.Endpoint;
import dev.hybridrag.core.testing.Fault;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's acceptance run, written to docs/benchmarks/budget.md; run with {@code ./hybridrag bench budget}. A
 * tenant with a daily budget worth about 100 chat calls ingests the corpus with two extractor processes of the real
 * jar; when the fake provider has billed half the budget both are killed (SIGKILL) and started again. The tokens the
 * fake billed must stay within the budget plus the calls in flight (at most 20% over), and {@code cost --json} must
 * agree with the fake's count within 2%.
 */
class BudgetBenchmark {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CORPUS =
            Path.of(System.getProperty("bench.corpus", "../../shared/corpus/specstory-minsky"));
    // USD per million tokens: chat prompt 1, completion 4; embeddings 0.02 (the ratios of gpt-4o-mini's prices).
    private static final double CHAT_PROMPT = 1.0;
    private static final double CHAT_COMPLETION = 4.0;
    private static final double EMBEDDING = 0.02;
    private static final double BUDGET_USD = Double.parseDouble(System.getProperty("bench.budget.usd", "0.22"));
    private static final Duration LATENCY = Duration.ofMillis(300);
    private static final Duration QUIET = Duration.ofSeconds(45);
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final int CONCURRENCY = 4;
    private static final List<String> EXTRACTORS = List.of("extractor-1", "extractor-2");

    @Test
    void twoKilledAndRestartedReplicasSpendOneBudget() throws Exception {
        assertThat(CORPUS).as("the corpus folder (set -Dbench.corpus)").isDirectory();
        List<Path> corpus = BenchFolders.markdown(CORPUS);
        Path var = ROOT.resolve("var/budget");
        List<String> rows = new ArrayList<>();
        try (ChaosStack stack = ChaosStack.of(ROOT, var);
                FakeOpenAiServer provider = FakeOpenAiServer.start()) {
            provider.embeddingDimension(64).respondToChat(ExtractionBenchmark::cannedExtraction);
            // Every chat answer takes 300 ms, so calls are in flight whenever the budget is reached or a replica dies.
            provider.faults(Endpoint.CHAT).sometimes(1.0, Fault.slow(LATENCY));
            stack.up();
            Path inboxes = Files.createDirectories(var.resolve("inbox"));
            ChaosTenants tenants = new ChaosTenants(List.of("budget"), inboxes, provider.baseUrl());
            Map<String, String> environment = new HashMap<>(tenants.environment(stack, var.resolve("tenants.yaml")));
            environment.put("HYBRIDRAG_LLM_DAILY_BUDGET_USD", Double.toString(BUDGET_USD));
            environment.put(
                    "HYBRIDRAG_LLM_PRICES",
                    "fake-llm=" + CHAT_PROMPT + "/" + CHAT_COMPLETION + ",fake-embedding=" + EMBEDDING);
            environment.put("HYBRIDRAG_LLM_CONCURRENCY", Integer.toString(CONCURRENCY));
            Path jar = Files.copy(
                    Path.of("target/hybridrag.jar"), var.resolve("hybridrag.jar"), StandardCopyOption.REPLACE_EXISTING);
            TenantConfig tenant = tenants.config("budget", stack);
            try (Infrastructure infra = TestInfrastructure.create(stack.bootstrapServers(), Map.of(), tenant);
                    WorkerProcesses workers = new WorkerProcesses(
                            jar,
                            Files.createDirectories(var.resolve("log/workers")),
                            ROOT.resolve("scripts/logback-cli.xml"),
                            environment)) {
                workers.start("watcher", "watcher");
                for (String extractor : EXTRACTORS) {
                    workers.start(extractor, "extractor");
                }
                workers.start("indexer-1", "indexer");
                long started = System.nanoTime();
                BenchPipeline.copyCorpusFiles(corpus, inboxes.resolve("budget"));

                awaitBilled(provider, BUDGET_USD / 2);
                double billedAtKill = billedUsd(provider);
                for (String extractor : EXTRACTORS) {
                    workers.kill(extractor);
                }
                for (String extractor : EXTRACTORS) {
                    workers.restart(extractor);
                }
                System.out.printf(Locale.ROOT, "budget: both extractors killed at %.4f USD billed%n", billedAtKill);
                // The restarted replicas take a while to rejoin (JVM start, the dead members' sessions expiring):
                // quiet before their first call is not the end.
                awaitBilled(provider, billedAtKill + 0.01);
                awaitQuiet(provider);
                double seconds = (System.nanoTime() - started) / 1e9;

                WorkerProcesses.CommandResult cost =
                        workers.command(List.of("cost", "--json", "--since", "1h", "--by", "operation"));
                JsonNode total = json(cost.output()).path("total");
                Map<String, Long> statuses = new TenantProgress(infra).statusCounts(tenant);
                rows.addAll(report(provider, billedAtKill, total, statuses, seconds));
                Result result = new Result(provider, total);
                write(rows);
                assertThat(cost.exitCode()).as(cost.output()).isZero();
                assertThat(result.overshoot()).as("billed over the budget").isLessThanOrEqualTo(0.20);
                assertThat(result.costError())
                        .as("cost --json against the fake's count")
                        .isLessThanOrEqualTo(0.02);
            }
        }
    }

    private record Result(double billedUsd, long billedTokens, long costTokens) {
        Result(FakeOpenAiServer provider, JsonNode total) {
            this(
                    BudgetBenchmark.billedUsd(provider),
                    provider.billedTokens(),
                    total.path("totalTokens").asLong());
        }

        double overshoot() {
            return billedUsd / BUDGET_USD - 1;
        }

        double costError() {
            return Math.abs(costTokens - billedTokens) / (double) billedTokens;
        }
    }

    private static List<String> report(
            FakeOpenAiServer provider,
            double billedAtKill,
            JsonNode total,
            Map<String, Long> statuses,
            double seconds) {
        Result result = new Result(provider, total);
        long chatCalls = provider.calls(Endpoint.CHAT);
        double perChatCall = chatUsd(provider) / Math.max(1, chatCalls);
        double inFlightBound = 2 * CONCURRENCY * maxChatCallUsd(provider);
        return List.of(
                row("daily budget", String.format(Locale.ROOT, "%.4f USD", BUDGET_USD)),
                row(
                        "chat calls billed",
                        chatCalls
                                + String.format(
                                        Locale.ROOT,
                                        " (%.5f USD each on average: the budget is worth %.0f of them)",
                                        perChatCall,
                                        BUDGET_USD / perChatCall)),
                row("embedding requests billed", Integer.toString(provider.calls(Endpoint.EMBEDDINGS))),
                row("billed when both extractors were killed", String.format(Locale.ROOT, "%.4f USD", billedAtKill)),
                row(
                        "tokens billed by the fake (prompt / completion)",
                        provider.billedPromptTokens() + " / " + provider.billedCompletionTokens()),
                row("USD billed by the fake", String.format(Locale.ROOT, "%.4f", result.billedUsd())),
                row(
                        "over the budget",
                        String.format(
                                Locale.ROOT,
                                "%.1f%% (bound: calls in flight, 2 replicas x %d" + " slots, about %.4f USD = %.1f%%)",
                                100 * result.overshoot(),
                                CONCURRENCY,
                                inFlightBound,
                                100 * inFlightBound / BUDGET_USD)),
                row(
                        "`cost --json` total tokens / USD",
                        total.path("totalTokens").asLong()
                                + String.format(
                                        Locale.ROOT,
                                        " / %.4f",
                                        total.path("usd").asDouble())),
                row(
                        "`cost --json` against the fake's tokens",
                        String.format(Locale.ROOT, "%.2f%% apart", 100 * result.costError())),
                row("documents by status at the end", statuses.toString()),
                row("run time", String.format(Locale.ROOT, "%.0f s", seconds)));
    }

    private static double chatUsd(FakeOpenAiServer provider) {
        long chatPrompt = provider.billedPromptTokens() - provider.billedEmbeddingTokens();
        return (chatPrompt * CHAT_PROMPT + provider.billedCompletionTokens() * CHAT_COMPLETION) / 1e6;
    }

    private static double billedUsd(FakeOpenAiServer provider) {
        return chatUsd(provider) + provider.billedEmbeddingTokens() * EMBEDDING / 1e6;
    }

    // A chunk holds at most 1200 tokens; the prompt around it and a gleaning pass's history add what the largest
    // request the fake saw shows.
    private static double maxChatCallUsd(FakeOpenAiServer provider) {
        long longestPrompt = provider.requests().stream()
                .filter(request -> request.endpoint() == Endpoint.CHAT)
                .mapToLong(request -> request.body().length() / 3)
                .max()
                .orElse(0);
        return longestPrompt * CHAT_PROMPT / 1e6 + 200 * CHAT_COMPLETION / 1e6;
    }

    private static void awaitBilled(FakeOpenAiServer provider, double usd) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (billedUsd(provider) < usd) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fleet did not spend " + usd + " USD within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** Until the fake has billed nothing new for {@link #QUIET}: the fleet has stopped calling. */
    private static void awaitQuiet(FakeOpenAiServer provider) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fleet kept calling the provider for " + TIMEOUT);
            }
            long billed = provider.billedTokens();
            if (billed != last) {
                last = billed;
                quietSince = System.nanoTime();
            }
            Thread.sleep(500);
        }
    }

    private static JsonNode json(String output) throws Exception {
        int start = output.indexOf('{');
        int end = output.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new IllegalStateException("cost --json printed no JSON: " + output);
        }
        return new ObjectMapper().readTree(output.substring(start, end + 1));
    }

    private static void write(List<String> rows) throws Exception {
        Reports.write(
                "budget.md",
                "Benchmark: one LLM budget for the fleet",
                "`./hybridrag bench budget` (BudgetBenchmark): a tenant with a daily budget worth about 100 chat calls"
                        + " ingests the SpecStory corpus with two extractor processes of the real jar (and a watcher"
                        + " and an indexer) against the fake OpenAI-compatible server, which answers each chat request"
                        + " after 300 ms and counts the tokens it bills. When the fake has billed half the budget, both"
                        + " extractors are killed with SIGKILL and started again. The run ends when the fake has billed"
                        + " nothing for 45 s after the restarted replicas' first calls. The code before the spend ledger (a `SpendGuard` in each process's"
                        + " memory, per decorator) would have restarted both replicas at zero and given each its own"
                        + " budget, and embeddings another: the same run would have spent several budgets. The"
                        + " machine (2 cores) was shared with seven other engineers' builds and tests while this ran."
                        + " Design and bound: [../budget.md](../budget.md).",
                rows);
    }

    private static String row(String measure, String value) {
        return "| " + measure + " | " + value + " |";
    }
}
