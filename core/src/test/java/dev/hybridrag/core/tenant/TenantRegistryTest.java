package dev.hybridrag.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantRegistryTest {

    @Test
    void seedsVariablesDefineOneTenant() {
        TenantRegistry registry = TenantRegistry.fromEnvironment(new Environment(Map.of(
                "POSTGRES_HOST",
                "db.internal",
                "POSTGRES_PORT",
                "5432",
                "POSTGRES_DB",
                "lightrag",
                "POSTGRES_USER",
                "rag",
                "POSTGRES_PASSWORD",
                "s3cret",
                "LIGHTRAG_WORKSPACE",
                "azure_specstory")));
        TenantConfig tenant = registry.require("azure_specstory");
        assertThat(tenant.postgres().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/lightrag");
        assertThat(tenant.postgres().toString()).doesNotContain("s3cret");
        assertThat(tenant.workspace()).isEqualTo("azure_specstory");
    }

    @Test
    void defaultsNeedNoVariables() {
        TenantRegistry registry = TenantRegistry.fromEnvironment(new Environment(Map.of()));
        assertThat(registry.all()).extracting(t -> t.id().value()).containsExactly("default");
    }

    @Test
    void untrustedIdsNeverMatch() {
        TenantRegistry registry = TenantRegistry.fromEnvironment(new Environment(Map.of()));
        assertThat(registry.find("DEFAULT")).isEmpty();
        assertThat(registry.find("default'--")).isEmpty();
        assertThat(registry.find("../default")).isEmpty();
        assertThatThrownBy(() -> registry.require("nope")).isInstanceOf(UnknownTenantException.class);
    }

    @Test
    void invalidSettingsFailAtStartNamingTheSetting() {
        assertThatThrownBy(() -> TenantRegistry.fromEnvironment(new Environment(Map.of("HYBRIDRAG_TENANT", "Bad Id"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Bad Id");
        assertThatThrownBy(() -> TenantRegistry.fromEnvironment(new Environment(Map.of("POSTGRES_PORT", "x"))))
                .hasMessageContaining("POSTGRES_PORT");
        assertThatThrownBy(() -> new Environment(Map.of("HYBRIDRAG_CHUNK_TOKEN", "10")))
                .hasMessageContaining("HYBRIDRAG_CHUNK_TOKEN");
    }
}
