package dev.hybridrag.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void anOptionOverridesTheVariableAndLeavesTheRest() {
        Environment env = new Environment(Map.of("HYBRIDRAG_ONLY", "team_a", "POSTGRES_HOST", "db.internal"));

        Environment narrowed = env.with(Settings.ONLY_TENANTS, "team_b,team_c");

        assertThat(narrowed.getList(Settings.ONLY_TENANTS)).containsExactly("team_b", "team_c");
        assertThat(narrowed.get(Settings.POSTGRES_HOST)).isEqualTo("db.internal");
        assertThat(env.getList(Settings.ONLY_TENANTS)).containsExactly("team_a");
    }

    @Test
    void aMisspeltHybridragVariableStopsTheStart() {
        assertThatThrownBy(() -> new Environment(Map.of("HYBRIDRAG_WATCH_PATERNS", "*.md")))
                .hasMessageContaining("HYBRIDRAG_WATCH_PATERNS");
    }

    @Test
    void theScriptsOwnVariablesAreNotTheServicesSettings() {
        // ./hybridrag test exports the image names and its switches while the suite runs (found by a CI dry run).
        Environment env = new Environment(Map.of(
                "HYBRIDRAG_IMAGE", "hybridrag:latest",
                "HYBRIDRAG_TEST_DOCKER", "skip",
                "HYBRIDRAG_TEST_COMPOSE", "1"));

        assertThat(env.get(Settings.POSTGRES_HOST)).isNotNull();
    }

    @Test
    void aValueOutOfItsDeclaredRangeStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new Environment(Map.of("HYBRIDRAG_DEBOUNCE_MAX_MS", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HYBRIDRAG_DEBOUNCE_MAX_MS must be between 0 and 600000, got '-1'");
    }

    @Test
    void everyBadValueIsNamedAtOnceAndSecretsAreNotShown() {
        assertThatThrownBy(() -> new Environment(Map.of(
                        "HYBRIDRAG_PG_POOL_SIZE", "lots",
                        "HYBRIDRAG_KAFKA_GROUP_PROTOCOL", "eager",
                        "HYBRIDRAG_LLM_DAILY_BUDGET_USD", "-5")))
                .hasMessageContaining("HYBRIDRAG_PG_POOL_SIZE must be a whole number, got 'lots'")
                .hasMessageContaining("HYBRIDRAG_KAFKA_GROUP_PROTOCOL must be one of consumer, classic")
                .hasMessageContaining("HYBRIDRAG_LLM_DAILY_BUDGET_USD must be a finite number of at least 0.0");
        Setting key = new Setting("HYBRIDRAG_TEST_KEY", "", "a secret").between(1, 2);
        assertThat(key.problem("hunter2")).hasValue("HYBRIDRAG_TEST_KEY must be a whole number, got '****'");
    }

    @Test
    void everyDeclaredDefaultPassesItsOwnCheck() {
        Environment defaults = new Environment(Map.of());

        for (Setting setting : Settings.ALL) {
            if (!setting.defaultValue().isEmpty()) {
                assertThat(setting.problem(setting.defaultValue()))
                        .as(setting.name())
                        .isEmpty();
            }
        }
        assertThat(defaults.getInt(Settings.DEBOUNCE_MAX_MS)).isEqualTo(2000);
    }

    @Test
    void aSettingsRecordBuiltInCodeIsHeldToTheDeclaration() {
        assertThatThrownBy(() -> Settings.QUERY_PORT.require(70_000))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HYBRIDRAG_QUERY_PORT must be between 0 and 65535, got '70000'");
    }
}
