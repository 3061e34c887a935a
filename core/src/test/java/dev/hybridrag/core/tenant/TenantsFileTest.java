package dev.hybridrag.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantsFileTest {

    @TempDir
    Path dir;

    private final Map<String, String> variables = new HashMap<>(Map.of(
            "POSTGRES_HOST", "127.0.0.1",
            "POSTGRES_PORT", "5433",
            "POSTGRES_DB", "hybridrag",
            "POSTGRES_USER", "hybridrag",
            "POSTGRES_PASSWORD", "local-secret",
            "TEAM_A_PG_PASSWORD", "team-a-secret",
            "TEAM_A_API_KEYS", "key-one, key-two",
            "OPENAI_KEY_B", "sk-team-b-1234567890"));

    @Test
    void theIssuesExampleDefinesATenant() throws Exception {
        List<TenantConfig> tenants = load("""
                tenants:
                  - id: team_a
                    isolation: database            # or: workspace
                    postgres: {host: 127.0.0.1, port: 5432, database: team_a, user: team_a, password_env: TEAM_A_PG_PASSWORD}
                    watch: [{root: ./inbox/team_a, patterns: ["**/*.md"]}]
                    llm: {provider: offline}
                    embedding: {provider: offline}
                    api_keys_env: TEAM_A_API_KEYS
                """);

        TenantConfig team = tenants.getFirst();
        assertThat(team.id().value()).isEqualTo("team_a");
        assertThat(team.isolation()).isEqualTo(Isolation.DATABASE);
        assertThat(team.postgres())
                .isEqualTo(new PostgresSettings("127.0.0.1", 5432, "team_a", "team_a", "team-a-secret"));
        assertThat(team.watch()).containsExactly(new WatchRoot(dir.resolve("inbox/team_a"), List.of("**/*.md")));
        assertThat(team.models().chat().isOffline()).isTrue();
        assertThat(team.apiKeys().required()).isTrue();
        assertThat(team.apiKeys().accepts("key-two")).isTrue();
        assertThat(team.apiKeys().accepts("key-three")).isFalse();
    }

    @Test
    void missingPiecesFallBackToTheLocalServerAndSensibleDatabases() throws Exception {
        List<TenantConfig> tenants = load("""
                tenants:
                  - id: isolated
                    isolation: database
                  - id: shared
                    llm: {provider: openai, api_key_env: OPENAI_KEY_B}
                    embedding: {provider: openai, api_key_env: OPENAI_KEY_B}
                """);

        assertThat(tenants.get(0).postgres())
                .isEqualTo(new PostgresSettings("127.0.0.1", 5433, "isolated", "hybridrag", "local-secret"));
        TenantConfig shared = tenants.get(1);
        assertThat(shared.isolation()).isEqualTo(Isolation.WORKSPACE);
        assertThat(shared.postgres().database()).isEqualTo("hybridrag");
        assertThat(shared.apiKeys().required()).isFalse();
        assertThat(shared.models().chat().model()).isEqualTo("gpt-4o-mini");
        assertThat(shared.models().embedding().dimension()).isEqualTo(1536);
        assertThat(shared.models().chat().apiKey()).isEqualTo("sk-team-b-1234567890");
    }

    @Test
    void everyProblemIsListedAtOnceWithWhereItIs() {
        assertThatThrownBy(() -> load("""
                        tenants:
                          - id: Team-A'; DROP TABLE documents; --
                          - id: ok_one
                            isolation: shared
                            postgres: {port: 99999, pasword_env: X}
                            llm: {provider: azure}
                          - id: ok_one
                          - id: ok_two
                            embedding: {provider: openai, api_key_env: NOT_SET_ANYWHERE}
                        """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(
                        e.getMessage())
                .contains("tenants[0].id: 'Team-A'; DROP TABLE documents; --' is invalid")
                .contains("tenants[1] (ok_one).isolation: 'shared' is not database or workspace")
                .contains("tenants[1] (ok_one).postgres.port: must be a number from 1 to 65535")
                .contains("tenants[1] (ok_one).postgres.pasword_env: unknown field")
                .contains("tenants[1] (ok_one).llm.base_url: is required for this provider")
                .contains("tenants[1] (ok_one).llm.api_version: is required for this provider")
                .contains("tenants[2].id: 'ok_one' is configured twice")
                .contains("tenants[3] (ok_two).embedding.api_key_env: the variable NOT_SET_ANYWHERE is not set"));
    }

    @Test
    void secretsNeverAppearInErrors() {
        assertThatThrownBy(() -> load("""
                        tenants:
                          - id: team_a
                            postgres: {password_env: TEAM_A_PG_PASSWORD, port: nope, password_file: missing.txt}
                            api_keys_env: TEAM_A_API_KEYS
                            llm: {provider: azure, api_key_env: OPENAI_KEY_B, base_url: "http://x"}
                          - id: team_b
                            embedding: {provider: sk-team-b-1234567890}
                        """))
                .isInstanceOf(ConfigException.class)
                .message()
                .contains("tenants[0] (team_a).llm.model")
                .contains("tenants[1] (team_b).embedding.provider")
                .doesNotContain("team-a-secret")
                .doesNotContain("local-secret")
                .doesNotContain("key-one")
                .doesNotContain("sk-team-b-1234567890");
    }

    @Test
    void aTenantWithItsOwnRoleNeverInheritsTheServersPasswordAndNamedKeysMustExist() {
        assertThatThrownBy(() -> load("""
                        tenants:
                          - id: team_c
                            isolation: database
                            postgres: {user: team_c}
                            api_keys_env: NOT_SET_ANYWHERE
                        """))
                .hasMessageContaining("tenants[0] (team_c).postgres: user team_c needs its own password")
                .hasMessageContaining("tenants[0] (team_c).api_keys_env: the variable NOT_SET_ANYWHERE holds no key");
    }

    @Test
    void aFileThatIsNotATenantListSaysSo() {
        assertThatThrownBy(() -> load("tenants: {id: a}\n")).hasMessageContaining("expected a list under 'tenants:'");
        assertThatThrownBy(() -> load("tenants: [\n")).hasMessageContaining("cannot read tenants file");
    }

    @Test
    void onlyNarrowsTheTenantsAProcessServesAndRefusesUnknownOnes() throws Exception {
        Path file = write("""
                tenants:
                  - id: team_a
                  - id: team_b
                  - id: team_c
                """);
        variables.put("HYBRIDRAG_TENANTS_FILE", file.toString());
        variables.put("HYBRIDRAG_ONLY", "team_c,team_a");

        TenantRegistry narrowed = TenantRegistry.fromEnvironment(new Environment(variables));
        assertThat(narrowed.all()).extracting(t -> t.id().value()).containsExactly("team_a", "team_c");
        // team_b's records belong to another fleet: skipped here, read there through that fleet's own group
        assertThat(narrowed.isServedElsewhere("team_b")).isTrue();
        assertThat(narrowed.isServedElsewhere("team_a")).isFalse();
        assertThat(narrowed.isServedElsewhere("team_z")).isFalse();
        Topics topics = Topics.from(new Environment(variables));
        assertThat(topics.group("extractor", narrowed)).isEqualTo("hybridrag-extractor-only-team_a.team_c");

        variables.remove("HYBRIDRAG_ONLY");
        TenantRegistry whole = TenantRegistry.fromEnvironment(new Environment(variables));
        assertThat(whole.servesSubset()).isFalse();
        assertThat(topics.group("extractor", whole)).isEqualTo("hybridrag-extractor");

        variables.put("HYBRIDRAG_ONLY", "team_a,team_z");
        assertThatThrownBy(() -> TenantRegistry.fromEnvironment(new Environment(variables)))
                .hasMessageContaining("not configured: [team_z]");
    }

    @Test
    void withoutAFileTheSeedsVariablesDefineOneTenantWithOptionalKeys() {
        variables.put("LIGHTRAG_WORKSPACE", "seed_workspace");
        variables.put("HYBRIDRAG_API_KEYS", "k1,k2");

        TenantConfig tenant = TenantRegistry.fromEnvironment(new Environment(variables))
                .all()
                .iterator()
                .next();

        assertThat(tenant.id().value()).isEqualTo("seed_workspace");
        assertThat(tenant.apiKeys().accepts("k2")).isTrue();
        assertThat(tenant.apiKeys().toString()).doesNotContain("k1");
    }

    @Test
    void workspaceTenantsOnTheLocalServerLogInAsTheApplicationRoleWhenOneIsSet() throws Exception {
        variables.put("HYBRIDRAG_APP_USER", "hybridrag_app");
        variables.put(
                "HYBRIDRAG_APP_PASSWORD_FILE",
                Files.writeString(dir.resolve("app-pw"), "app-secret\n").toString());

        List<TenantConfig> tenants = load("""
                tenants:
                  - id: own_db
                    isolation: database
                  - id: shared
                  - id: shared_named
                    postgres: {user: hybridrag_app}
                """);
        TenantConfig single = TenantRegistry.fromEnvironment(new Environment(variables))
                .all()
                .iterator()
                .next();

        assertThat(tenants.get(0).postgres().user())
                .as("database mode keeps the administrator")
                .isEqualTo("hybridrag");
        assertThat(tenants.get(1).postgres())
                .isEqualTo(new PostgresSettings("127.0.0.1", 5433, "hybridrag", "hybridrag_app", "app-secret"));
        assertThat(tenants.get(2).postgres().password()).isEqualTo("app-secret");
        assertThat(single.postgres().user()).isEqualTo("hybridrag_app");

        variables.remove("HYBRIDRAG_APP_PASSWORD_FILE");
        assertThatThrownBy(() -> load("tenants: [{id: shared}]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HYBRIDRAG_APP_PASSWORD");
    }

    private List<TenantConfig> load(String yaml) throws Exception {
        return TenantsFile.load(write(yaml), new Environment(variables));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("tenants.yaml"), yaml);
    }
}
