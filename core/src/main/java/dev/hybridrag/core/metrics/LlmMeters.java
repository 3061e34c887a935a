package dev.hybridrag.core.metrics;

import dev.hybridrag.core.llm.LlmUsage;
import dev.hybridrag.core.llm.UsageObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * {@code hybridrag_llm_calls_total{tenant,model,kind,outcome}} and {@code
 * hybridrag_llm_tokens_total{tenant,model,kind,direction}}, counted as each guarded call ends. Models come from the
 * tenants' configuration, so their number is bounded too.
 */
public final class LlmMeters implements UsageObserver {

    @Override
    public void completed(String tenant, LlmUsage usage, double usd, String outcome) {
        String model = usage.call().model();
        String kind = usage.call().kind();
        Counter.builder("hybridrag.llm.calls")
                .description("LLM and embedding calls by outcome (success, failure, refused)")
                .tags("tenant", tenant, "model", model, "kind", kind, "outcome", outcome)
                .register(Metrics.globalRegistry)
                .increment();
        tokens(tenant, model, kind, "prompt", usage.promptTokens());
        tokens(tenant, model, kind, "completion", usage.completionTokens());
    }

    private static void tokens(String tenant, String model, String kind, String direction, long count) {
        Counter.builder("hybridrag.llm.tokens")
                .description("tokens billed, prompt (input) and completion (output)")
                .tags("tenant", tenant, "model", model, "kind", kind, "direction", direction)
                .register(Metrics.globalRegistry)
                .increment(count);
    }
}
