package dev.hybridrag.core.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What tokens cost, per model, in USD per million tokens: a table of models with their prompt and completion prices,
 * and one price for every model the table does not name.
 */
public record ModelPrices(Map<String, Price> byModel, Price fallback) {

    /** A model's prices in USD per million prompt (input) and completion (output) tokens. */
    public record Price(double promptPerMillion, double completionPerMillion) {
        public Price {
            if (!(promptPerMillion >= 0)
                    || !(completionPerMillion >= 0)
                    || Double.isInfinite(promptPerMillion)
                    || Double.isInfinite(completionPerMillion)) {
                throw new IllegalArgumentException("a price must be a finite number of USD, 0 or more");
            }
        }
    }

    public ModelPrices {
        byModel = Map.copyOf(byModel);
    }

    public static ModelPrices free() {
        return flat(0);
    }

    /** One price for prompt and completion tokens of every model. */
    public static ModelPrices flat(double usdPerMillionTokens) {
        return new ModelPrices(Map.of(), new Price(usdPerMillionTokens, usdPerMillionTokens));
    }

    /**
     * Reads {@code model=PROMPT/COMPLETION} or {@code model=PRICE} entries separated by commas, e.g.
     * {@code gpt-4o-mini=0.15/0.60,text-embedding-3-small=0.02}.
     *
     * @throws IllegalArgumentException naming the entry that cannot be read
     */
    public static ModelPrices parse(String table, double fallbackPerMillion) {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String entry : table.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String model = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (model.isEmpty()) {
                throw new IllegalArgumentException(
                        "'" + entry.strip() + "' is not MODEL=PRICE or MODEL=PROMPT/COMPLETION");
            }
            String[] parts = entry.substring(equals + 1).split("/", -1);
            if (parts.length > 2 || prices.containsKey(model)) {
                throw new IllegalArgumentException(
                        "'" + entry.strip() + "': " + (parts.length > 2 ? "at most two prices" : "model named twice"));
            }
            double prompt = number(entry, parts[0]);
            prices.put(model, new Price(prompt, parts.length == 2 ? number(entry, parts[1]) : prompt));
        }
        return new ModelPrices(prices, new Price(fallbackPerMillion, fallbackPerMillion));
    }

    public Price of(String model) {
        return byModel.getOrDefault(model, fallback);
    }

    public double usd(String model, long promptTokens, long completionTokens) {
        Price price = of(model);
        return (promptTokens * price.promptPerMillion() + completionTokens * price.completionPerMillion()) / 1e6;
    }

    private static double number(String entry, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            new Price(value, value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry.strip() + "': '" + text.strip()
                    + "' is not a price (USD per million tokens, 0 or more)");
        }
    }
}
