package dev.hybridrag.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class UiResourceTest {

    @Test
    void theGraphLibraryTheUiLoadsIsInTheJar() throws Exception {
        try (InputStream library = UiResource.class.getResourceAsStream(UiResource.CYTOSCAPE)) {
            assertThat(library)
                    .as(UiResource.CYTOSCAPE + " (the cytoscape WebJar's version in the pom)")
                    .isNotNull();
            assertThat(new String(library.readNBytes(20_000))).contains("cytoscape");
        }
    }

    @Test
    void everyFileTheIndexLoadsIsServed() throws Exception {
        String index;
        try (InputStream in = UiResource.class.getResourceAsStream("/ui/index.html")) {
            index = new String(in.readAllBytes());
        }
        for (String file : new String[] {"app.js", "app.css", "lib/cytoscape.min.js"}) {
            assertThat(index).contains("/ui/" + file);
        }
    }
}
