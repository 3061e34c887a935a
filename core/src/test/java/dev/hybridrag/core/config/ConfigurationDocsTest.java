package dev.hybridrag.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must list every declared setting with its default. */
class ConfigurationDocsTest {

    @Test
    void everySettingIsDocumentedWithItsDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (Setting setting : Settings.ALL) {
            assertThat(docs).as(setting.name()).contains("`" + setting.name() + "`");
            if (!setting.defaultValue().isEmpty()) {
                assertThat(docs)
                        .as(setting.name() + " default")
                        .contains("| `" + setting.name() + "` | `" + setting.defaultValue() + "` |");
            }
        }
    }
}
