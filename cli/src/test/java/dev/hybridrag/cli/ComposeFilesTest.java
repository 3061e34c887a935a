package dev.hybridrag.cli;

import static dev.hybridrag.cli.ComposeFile.list;
import static dev.hybridrag.cli.ComposeFile.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Setting;
import dev.hybridrag.core.config.Settings;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The compose/ files, checked without Docker (there is no engine here): what they publish, which networks and
 * volumes they use, their healthchecks, the commands and variables they give the hybridrag image.
 */
class ComposeFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final ComposeFile SHARED = ComposeFile.load(ROOT.resolve("compose/shared/docker-compose.yml"));
    private static final ComposeFile DEPLOYMENT =
            ComposeFile.load(ROOT.resolve("compose/shared/deployment/docker-compose.yml"));
    private static final ComposeFile ISOLATED = ComposeFile.load(ROOT.resolve("compose/isolated/docker-compose.yml"));

    /** The hybridrag services of a deployment and what each runs. */
    private static final Map<String, String> FLEET = Map.of(
            "ingest-watcher", "watcher",
            "extractor-worker", "extractor",
            "indexer-worker", "indexer",
            "query-service", "query");

    private static final List<String> SCALABLE = List.of("extractor-worker", "indexer-worker");

    @Test
    void theServersPublishNothingAndReportTheirHealth() {
        for (ComposeFile file : List.of(SHARED, ISOLATED)) {
            Map<String, Object> postgres = file.service("postgres");
            Map<String, Object> kafka = file.service("kafka");
            // The public images unless a variable names others (./hybridrag images builds local stand-ins).
            assertThat((String) postgres.get("image"))
                    .as(file.path() + " postgres")
                    .startsWith("${POSTGRES_IMAGE:-pgvector/pgvector:");
            assertThat((String) kafka.get("image"))
                    .as(file.path() + " kafka")
                    .startsWith("${KAFKA_IMAGE:-apache/kafka:");
            for (Map<String, Object> server : List.of(postgres, kafka)) {
                assertThat(server).as(file.path() + " " + server.get("image")).doesNotContainKey("ports");
                assertThat(list(map(server, "healthcheck"), "test"))
                        .as(file.path() + " " + server.get("image") + " healthcheck")
                        .isNotEmpty();
            }
            // KRaft, one node being broker and controller: no ZooKeeper to run or forget.
            Map<String, Object> kafkaEnv = file.environment("kafka");
            assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(kafkaEnv.keySet()).noneMatch(name -> name.contains("ZOOKEEPER"));
            // Data outlives the containers, in named volumes the file declares.
            assertThat(volumeSources(file, "postgres", "/var/lib/postgresql/data"))
                    .isNotEmpty();
            assertThat(volumeSources(file, "kafka", "/var/lib/kafka/data")).isNotEmpty();
        }
    }

    @Test
    void theSharedServersAndEveryDeploymentMeetOnTheNamedNetwork() {
        Map<String, Object> network = SHARED.networks().get("shared");
        assertThat(network.get("name")).isEqualTo("hybridrag-shared-network");
        assertThat(network).doesNotContainKey("external");
        assertThat(list(SHARED.service("postgres"), "networks")).containsExactly("shared");
        assertThat(list(SHARED.service("kafka"), "networks")).containsExactly("shared");

        assertThat(DEPLOYMENT.networks()).allSatisfy((key, value) -> {
            assertThat(value.get("name")).isEqualTo("hybridrag-shared-network");
            assertThat(value.get("external")).isEqualTo(true);
        });
        assertThat(DEPLOYMENT.services()).doesNotContainKeys("postgres", "kafka");
        for (String service : DEPLOYMENT.services().keySet()) {
            assertThat(list(DEPLOYMENT.service(service), "networks"))
                    .as(service)
                    .containsExactly("shared");
            Map<String, Object> env = DEPLOYMENT.environment(service);
            // The shared servers by the names the shared file gives them, on the port they listen on inside.
            assertThat(env.get("POSTGRES_HOST"))
                    .isEqualTo(SHARED.service("postgres").get("container_name"));
            assertThat(env.get("POSTGRES_PORT")).isEqualTo("5432");
            String kafka = SHARED.service("kafka").get("container_name") + ":9092";
            // One broker unless .env names the three of the three-brokers profile.
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("${SHARED_KAFKA_BOOTSTRAP:-" + kafka + "}");
            assertThat(SHARED.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
                    .isEqualTo("CLIENT://" + kafka);
            // Each deployment logs in to the shared broker as its own SCRAM user (docs/security.md).
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.get("KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            // Deployments share the broker, so each needs topics and consumer groups of its own.
            assertThat((String) env.get("HYBRIDRAG_KAFKA_PREFIX")).contains("${DEPLOYMENT}");
        }
    }

    @Test
    void theSharedBrokerTakesLoginsOnlyAndDeniesWhatNoAclAllows() {
        Map<String, Object> kafka = SHARED.environment("kafka");
        // Every deployment reaches every listener on the shared network: none may be PLAINTEXT.
        assertThat(((String) kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(","))
                .allSatisfy(entry -> assertThat(entry).endsWith(":SASL_PLAINTEXT"));
        assertThat(kafka.get("KAFKA_AUTHORIZER_CLASS_NAME"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
        assertThat(kafka.get("KAFKA_SUPER_USERS")).isEqualTo("User:broker");
        assertThat((String) kafka.get("KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG"))
                .contains("${KAFKA_ADMIN_PASSWORD:?");
    }

    @Test
    void anIsolatedDeploymentNamesEverythingAfterItselfAndPublishesOnlyQueryServiceOnLoopback() {
        assertThat(ISOLATED.root().get("name")).isEqualTo("hybridrag-${DEPLOYMENT:?set DEPLOYMENT in .env}");
        ISOLATED.services().forEach((name, service) -> {
            if (service.containsKey("container_name")) {
                assertThat((String) service.get("container_name")).as(name).contains("${DEPLOYMENT}");
            }
        });
        ISOLATED.networks().forEach((key, network) -> assertThat((String) network.get("name"))
                .as("network " + key)
                .contains("${DEPLOYMENT}"));
        ISOLATED.volumes().forEach((key, volume) -> assertThat((String) volume.get("name"))
                .as("volume " + key)
                .contains("${DEPLOYMENT}"));
        assertThat(ISOLATED.environment("query-service").get("HYBRIDRAG_QUERY_HOST"))
                .as("inside the container query-service must listen beyond its own loopback")
                .isEqualTo("0.0.0.0");

        for (ComposeFile file : List.of(ISOLATED, DEPLOYMENT)) {
            Map<String, List<Object>> published = file.services().entrySet().stream()
                    .filter(entry -> entry.getValue().containsKey("ports"))
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> list(entry.getValue(), "ports")));
            assertThat(published).as(file.path().toString()).containsOnlyKeys("query-service");
            assertThat(published.get("query-service"))
                    .singleElement()
                    .asString()
                    .startsWith("127.0.0.1:${QUERY_PORT");
            assertThat(list(map(file.service("query-service"), "healthcheck"), "test"))
                    .isNotEmpty();
        }
    }

    @Test
    void theWorkersScale() {
        for (ComposeFile file : List.of(ISOLATED, DEPLOYMENT)) {
            for (String service : SCALABLE) {
                // docker compose up --scale refuses a fixed container name or host port.
                assertThat(file.service(service))
                        .as(file.path() + " " + service)
                        .doesNotContainKeys("container_name", "ports");
            }
        }
    }

    @Test
    void everyServiceRunsACommandTheJarKnows() throws IOException {
        assertThat(Arrays.stream(ServiceKind.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(FLEET.values());
        for (ComposeFile file : List.of(ISOLATED, DEPLOYMENT)) {
            FLEET.forEach((service, runs) -> assertThat(list(file.service(service), "command"))
                    .as(file.path() + " " + service)
                    .containsExactly("run", runs));
            assertThat(list(file.service("init"), "command")).containsExactly("backend", "init", "--all");
            file.services().forEach((name, service) -> {
                if (service.containsKey("command")
                        && !List.of("postgres", "kafka").contains(name)) {
                    String[] args = list(service, "command").toArray(String[]::new);
                    // picocli refuses what the jar would refuse: an unknown command, service or option.
                    new CommandLine(new Main()).parseArgs(args);
                }
            });
        }

        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher entry = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$").matcher(dockerfile);
        assertThat(entry.find()).as("Dockerfile ENTRYPOINT in exec form").isTrue();
        List<String> entrypoint = Arrays.stream(entry.group(1).split(","))
                .map(part -> part.strip().replaceAll("^\"|\"$", ""))
                .toList();
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
                .containsExactly("-jar", "/opt/hybridrag/hybridrag.jar");
        // The jar the build makes is the jar the image runs.
        assertThat(dockerfile)
                .contains("COPY --from=jar /out/hybridrag.jar /opt/hybridrag/hybridrag.jar")
                .contains("cp cli/target/hybridrag.jar /out/")
                .contains("COPY cli/target/hybridrag.jar /out/");
        assertThat(Files.readString(ROOT.resolve("cli/pom.xml"))).contains("<finalName>hybridrag</finalName>");
        assertThat(dockerfile)
                .contains("run "
                        + Arrays.stream(ServiceKind.values()).map(Enum::name).collect(Collectors.joining("|")));
    }

    @Test
    void theSharedPrometheusFindsEveryServiceOfEveryDeploymentAtThePortItServesMetricsOn() throws IOException {
        Map<String, Object> prometheus = SHARED.service("prometheus");
        assertThat(list(prometheus, "profiles")).containsExactly("prometheus");
        assertThat(list(prometheus, "volumes"))
                .contains(
                        "./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "/var/run/docker.sock:/var/run/docker.sock:ro");
        assertThat(list(prometheus, "ports")).allMatch(port -> ((String) port).startsWith("127.0.0.1:"));
        String config = Files.readString(ROOT.resolve("compose/shared/prometheus/prometheus.yml"));
        assertThat(config)
                .contains("values: [\"dev.hybridrag.metrics.port\"]")
                .contains("__meta_docker_container_label_dev_hybridrag_metrics_port")
                .contains("regex: " + SHARED.networks().get("shared").get("name"));

        String metricsPort = Settings.METRICS_PORT.defaultValue();
        FLEET.forEach((service, runs) -> {
            Map<String, Object> labels = map(DEPLOYMENT.service(service), "labels");
            String port = runs.equals("query") ? "8080" : metricsPort;
            assertThat(labels.get("dev.hybridrag.metrics.port")).as(service).isEqualTo(port);
        });
        assertThat(DEPLOYMENT.environment("query-service").get("HYBRIDRAG_QUERY_PORT"))
                .isEqualTo("8080");
        assertThat(DEPLOYMENT.environment("extractor-worker").get("HYBRIDRAG_METRICS_HOST"))
                .as("reachable from the Prometheus container, on the shared network only")
                .isEqualTo("0.0.0.0");
        assertThat(DEPLOYMENT.service("extractor-worker")).doesNotContainKey("ports");
        for (String idle : List.of("init", "app")) {
            assertThat(map(DEPLOYMENT.service(idle), "labels"))
                    .as(idle + " serves no metrics")
                    .isEmpty();
        }
    }

    @Test
    void everyVariableGivenToTheServicesIsOneTheyRead() {
        Set<String> declared = Settings.ALL.stream().map(Setting::name).collect(Collectors.toSet());
        // HYBRIDRAG_IMAGE names the image (the issue's spelling); no service reads it.
        assertThat(EnvFile.COMPOSE_ONLY)
                .noneMatch(name -> name.startsWith("HYBRIDRAG_") && !name.equals("HYBRIDRAG_IMAGE"));
        for (ComposeFile file : List.of(ISOLATED, DEPLOYMENT)) {
            for (String service : appServices()) {
                assertThat(file.environment(service).keySet())
                        .as(file.path() + " " + service)
                        .allMatch(name -> declared.contains(name) || EnvFile.COMPOSE_ONLY.contains(name));
            }
        }
        for (String example : List.of("compose/shared/deployment/.env.example", "compose/isolated/.env.example")) {
            assertThat(EnvFile.read(ROOT.resolve(example)).names())
                    .as(example)
                    .allMatch(name -> declared.contains(name) || EnvFile.COMPOSE_ONLY.contains(name));
        }
    }

    @Test
    void everyVariableAFileTakesIsInItsExample() {
        Map<ComposeFile, String> examples = Map.of(
                SHARED, "compose/shared/.env.example",
                DEPLOYMENT, "compose/shared/deployment/.env.example",
                ISOLATED, "compose/isolated/.env.example");
        examples.forEach((file, example) -> assertThat(
                        EnvFile.read(ROOT.resolve(example)).names())
                .as(example + " offers what " + file.path() + " uses")
                .containsAll(file.interpolatedVariables()));
    }

    @Test
    void theExamplesDefineTheTenantTheySayTheyDo() {
        for (String example : List.of("compose/shared/deployment/.env.example", "compose/isolated/.env.example")) {
            TenantConfig tenant = TenantRegistry.fromEnvironment(
                            new Environment(EnvFile.read(ROOT.resolve(example)).set()))
                    .require("team_a");
            assertThat(tenant.isolation()).as(example).isEqualTo(Isolation.DATABASE);
            assertThat(tenant.postgres().database()).as(example).isEqualTo("team_a");
        }
    }

    /** The services that run the hybridrag image. */
    private static List<String> appServices() {
        return Stream.concat(FLEET.keySet().stream(), Stream.of("init")).toList();
    }

    /** The named volumes (declared at the top level) mounted at a path of a service. */
    private static List<String> volumeSources(ComposeFile file, String service, String target) {
        return list(file.service(service), "volumes").stream()
                .map(String.class::cast)
                .filter(mount -> mount.endsWith(":" + target))
                .map(mount -> mount.substring(0, mount.indexOf(':')))
                .filter(file.volumes()::containsKey)
                .toList();
    }
}
