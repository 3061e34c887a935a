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
}
