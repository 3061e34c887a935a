package dev.hybridrag.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topic and group names come from the environment a process is given, like every other setting. */
class TopicsTest {

    @Test
    void namesStartWithThePrefixTheEnvironmentGives() {
        Topics topics = Topics.from(new Environment(Map.of("HYBRIDRAG_KAFKA_PREFIX", "hybridrag.dep_a")));

        assertThat(topics.all())
                .containsExactly(
                        "hybridrag.dep_a.files",
                        "hybridrag.dep_a.files-bulk",
                        "hybridrag.dep_a.extractions",
                        "hybridrag.dep_a.extractions-bulk",
                        "hybridrag.dep_a.dead-letters",
                        "hybridrag.dep_a.graph-wakeups");
        assertThat(topics.files(Lane.BULK)).isEqualTo("hybridrag.dep_a.files-bulk");
        assertThat(topics.extractions(Lane.BULK)).isEqualTo("hybridrag.dep_a.extractions-bulk");
        assertThat(topics.group("indexer")).isEqualTo("hybridrag.dep_a-indexer");
    }

    @Test
    void withoutAPrefixTheDefaultIsUsed() {
        assertThat(Topics.from(new Environment(Map.of())).files()).isEqualTo("hybridrag.files");
    }

    @Test
    void anIllegalPrefixNamesTheSetting() {
        Environment environment = new Environment(Map.of("HYBRIDRAG_KAFKA_PREFIX", "dep a/b"));

        assertThatThrownBy(() -> Topics.from(environment))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HYBRIDRAG_KAFKA_PREFIX");
    }
}
