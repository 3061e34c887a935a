package dev.hybridrag.query.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.storage.VectorScan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalSettingsTest {

    @Test
    void aSmallTenantIsSearchedExactlyAndALargeOneThroughEachTablesMeasuredCandidateList() {
        RetrievalSettings defaults = RetrievalSettings.DEFAULTS;

        assertThat(defaults.scanFor("entities", 2_500)).isEqualTo(VectorScan.allRows());
        assertThat(defaults.scanFor("chunks", 100_000)).isEqualTo(VectorScan.index(350));
        assertThat(defaults.scanFor("relations", 100_000)).isEqualTo(VectorScan.index(350));
        assertThat(defaults.scanFor("entities", 50_000)).isEqualTo(VectorScan.index(200));
    }

    @Test
    void anOperatorsCandidateListsReachTheirSearches() {
        RetrievalSettings settings = RetrievalSettings.from(new Environment(Map.of(
                "HYBRIDRAG_HNSW_EF_SEARCH", "600",
                "HYBRIDRAG_HNSW_EF_SEARCH_ENTITIES", "300",
                "HYBRIDRAG_EXACT_SEARCH_MAX_VECTORS", "0")));

        assertThat(settings.scanFor("chunks", 1)).isEqualTo(VectorScan.index(600));
        assertThat(settings.scanFor("relations", 1)).isEqualTo(VectorScan.index(600));
        assertThat(settings.scanFor("entities", 1)).isEqualTo(VectorScan.index(300));
    }
}
