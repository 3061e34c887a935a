package dev.hybridrag.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModelPricesTest {

    @Test
    void eachModelHasItsPromptAndCompletionPriceAndOthersTheFallback() {
        ModelPrices prices = ModelPrices.parse("gpt-4o-mini=0.15/0.60, text-embedding-3-small=0.02", 2.5);

        assertThat(prices.usd("gpt-4o-mini", 1_000_000, 1_000_000)).isCloseTo(0.75, within(1e-12));
        assertThat(prices.usd("text-embedding-3-small", 2_000_000, 0)).isCloseTo(0.04, within(1e-12));
        assertThat(prices.usd("some-other-model", 400_000, 0)).isCloseTo(1.0, within(1e-12));
        assertThat(ModelPrices.parse("", 0).usd("gpt-4o-mini", 1_000_000, 1_000_000))
                .isZero();
    }

    @Test
    void aMalformedEntryIsNamed() {
        assertThatThrownBy(() -> ModelPrices.parse("gpt-4o-mini=cheap", 0))
                .hasMessageContaining("'gpt-4o-mini=cheap'")
                .hasMessageContaining("'cheap' is not a price");
        assertThatThrownBy(() -> ModelPrices.parse("gpt-4o-mini=-1", 0)).hasMessageContaining("'-1' is not a price");
        assertThatThrownBy(() -> ModelPrices.parse("0.15/0.60", 0)).hasMessageContaining("is not MODEL=PRICE");
        assertThatThrownBy(() -> ModelPrices.parse("a=1/2/3", 0)).hasMessageContaining("at most two prices");
        assertThatThrownBy(() -> ModelPrices.parse("a=1,a=2", 0)).hasMessageContaining("model named twice");
    }
}
