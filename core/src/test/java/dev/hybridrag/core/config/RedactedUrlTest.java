package dev.hybridrag.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {

    @Test
    void credentialsInsideUrlsAreHidden() {
        assertThat(RedactedUrl.of("https://alice:s3cret@gateway.example/v1"))
                .isEqualTo("https://****@gateway.example/v1");
        assertThat(RedactedUrl.of("https://tok3n@gateway.example")).isEqualTo("https://****@gateway.example");
        assertThat(RedactedUrl.of("https://gateway.example/v1?api-key=abc&model=x&sig=zz"))
                .isEqualTo("https://gateway.example/v1?api-key=****&model=x&sig=****");
    }

    @Test
    void plainUrlsAreShownAsTheyAre() {
        assertThat(RedactedUrl.of("http://127.0.0.1:11434/v1")).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(RedactedUrl.of("https://x.example/path@version")).isEqualTo("https://x.example/path@version");
    }
}
