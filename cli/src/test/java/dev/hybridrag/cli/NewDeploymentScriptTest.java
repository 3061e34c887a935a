package dev.hybridrag.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compose/new-deployment}: the folder it writes is a deployment that defines the tenant it was asked for. */
class NewDeploymentScriptTest {

    private static final Path COMPOSE =
            Path.of("..", "compose").toAbsolutePath().normalize();

    @TempDir
    Path deployments;

    private record Run(int exitCode, String output) {}

    private Run stamp(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("bash", COMPOSE.resolve("new-deployment").toString()));
        command.addAll(List.of(args));
        // Never the logins on shared servers that may be running on this machine (compose-test's, or a user's).
        command.add("--no-credentials");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static TenantConfig tenantOf(Path dir) {
        Environment env = new Environment(EnvFile.read(dir.resolve(".env")).set());
        return TenantRegistry.fromEnvironment(env).all().iterator().next();
    }

    @Test
    void aSharedDeploymentGetsItsOwnDatabaseOnTheSharedServer() throws Exception {
        Path dir = deployments.resolve("team_a");
        Run run = stamp("team_a", "--shared", "--dir", dir.toString(), "--projects", "/srv/code");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(dir.resolve("docker-compose.yml"))
                .hasSameTextualContentAs(COMPOSE.resolve("shared/deployment/docker-compose.yml"));
        // It holds the database password: nobody else on the host may read it.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".env"))))
                .isEqualTo("rw-------");
        EnvFile env = EnvFile.read(dir.resolve(".env"));
        assertThat(env.set())
                .containsEntry("DEPLOYMENT", "team_a")
                .containsEntry("QUERY_PORT", "8080")
                .containsEntry("HOST_PROJECTS_PATH", "/srv/code");
        TenantConfig tenant = tenantOf(dir);
        assertThat(tenant.id().value()).isEqualTo("team_a");
        assertThat(tenant.isolation()).isEqualTo(Isolation.DATABASE);
        assertThat(tenant.postgres().database()).isEqualTo("team_a");
        assertThat(run.output()).contains("docker compose up -d").contains("/v1/tenants/team_a/query");
    }

    @Test
    void eachSharedDeploymentLogsInAsItselfNeverAsTheSharedServersAdministrator() throws Exception {
        Path sharedEnv = deployments.resolve("shared.env");
        Files.writeString(
                sharedEnv,
                "POSTGRES_USER=hybridrag\nPOSTGRES_PASSWORD=admin-secret\n" + "KAFKA_ADMIN_PASSWORD=broker-secret\n");
        Path first = deployments.resolve("team_a");
        Path second = deployments.resolve("team_b");
        Run run = stamp("team_a", "--dir", first.toString(), "--shared-env", sharedEnv.toString());
        stamp("team_b", "--dir", second.toString(), "--shared-env", sharedEnv.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, String> a = EnvFile.read(first.resolve(".env")).set();
        Map<String, String> b = EnvFile.read(second.resolve(".env")).set();
        assertThat(a).containsEntry("POSTGRES_USER", "team_a").containsEntry("KAFKA_SASL_USERNAME", "team_a");
        assertThat(Files.readString(first.resolve(".env"))).doesNotContain("admin-secret", "broker-secret");
        assertThat(tenantOf(first).postgres().user()).isEqualTo("team_a");
        for (String secret : List.of("POSTGRES_PASSWORD", "KAFKA_SASL_PASSWORD")) {
            assertThat(a.get(secret)).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9]+");
            assertThat(b.get(secret)).isNotEqualTo(a.get(secret));
        }
        assertThat(a.get("POSTGRES_PASSWORD")).isNotEqualTo(a.get("KAFKA_SASL_PASSWORD"));
        // Without making the logins at once, it says how to make them.
        assertThat(run.output()).contains("compose/deployment-credentials " + first);
    }

    @Test
    void aDeploymentNamedAfterASharedServersLoginIsRefused() throws Exception {
        for (String name : List.of("hybridrag", "postgres", "broker")) {
            Run run = stamp(name, "--dir", deployments.resolve(name).toString());
            assertThat(run.exitCode()).as(name).isNotZero();
            assertThat(run.output()).as(name).contains("is a login of the shared servers");
            assertThat(deployments.resolve(name)).doesNotExist();
        }
    }

    @Test
    void aWorkspaceDeploymentBesideItSharesTheDatabaseAndTakesTheNextPort() throws Exception {
        stamp("team_a", "--dir", deployments.resolve("team_a").toString());
        Path dir = deployments.resolve("notes");
        Run run = stamp("notes", "--workspace", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(EnvFile.read(dir.resolve(".env")).set()).containsEntry("QUERY_PORT", "8081");
        TenantConfig tenant = tenantOf(dir);
        assertThat(tenant.isolation()).isEqualTo(Isolation.WORKSPACE);
        assertThat(tenant.workspace()).isEqualTo("notes");
        assertThat(tenant.postgres().database()).isEqualTo("hybridrag");
    }

    @Test
    void anIsolatedDeploymentGetsItsOwnServersAndARandomPassword() throws Exception {
        Path first = deployments.resolve("one");
        Path second = deployments.resolve("two");
        assertThat(stamp("one", "--isolated", "--dir", first.toString()).exitCode())
                .isZero();
        assertThat(stamp("two", "--isolated", "--dir", second.toString()).exitCode())
                .isZero();

        assertThat(first.resolve("docker-compose.yml"))
                .hasSameTextualContentAs(COMPOSE.resolve("isolated/docker-compose.yml"));
        String password = tenantOf(first).postgres().password();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9]+");
        assertThat(tenantOf(second).postgres().password()).isNotEqualTo(password);
        assertThat(tenantOf(second).postgres().database()).isEqualTo("two");
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() throws Exception {
        for (String name : List.of("Team-A", "a;rm -rf x", "../escape", "1team")) {
            Run run = stamp(name, "--dir", deployments.resolve("x").toString());
            assertThat(run.exitCode()).as(name).isNotZero();
            assertThat(run.output()).as(name).contains("is not a valid name");
        }
        assertThat(stamp("team_a", "--dir", deployments.resolve("x").toString(), "--projects", "code")
                        .output())
                .contains("--projects must be an absolute path");
        assertThat(deployments.resolve("x")).doesNotExist();

        Path dir = deployments.resolve("team_a");
        stamp("team_a", "--dir", dir.toString());
        String before = Files.readString(dir.resolve(".env"));
        Run again = stamp("team_a", "--dir", dir.toString());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("already exists");
        assertThat(dir.resolve(".env")).hasContent(before);
    }
}
