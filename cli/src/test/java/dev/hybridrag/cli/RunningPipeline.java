package dev.hybridrag.cli;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.lifecycle.ServiceGroup;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.FakeOpenAiServer;
import dev.hybridrag.core.testing.TestInfrastructure;
import dev.hybridrag.core.testing.TestKafka;
import dev.hybridrag.core.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an integration test a running pipeline and closes it: an in-JVM broker, a throwaway PostgreSQL database, a
 * fake LLM when asked for, the tenants, and the chosen services started through {@link RunningServices}. Registered
 * on a static field it runs for the whole class; on an instance field, for each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningPipeline pipeline = RunningPipeline.with(ServiceKind.values())
 *         .tenants(p -> List.of(TestInfrastructure.tenant("default", p.postgres().settings(), p.root())));
 * }</pre>
 */
public final class RunningPipeline
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** What every pipeline runs with unless the test says otherwise: a query-service on a free loopback port. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "HYBRIDRAG_TOPIC_PARTITIONS", "2",
            "HYBRIDRAG_DEBOUNCE_MS", "100",
            "HYBRIDRAG_QUERY_HOST", "127.0.0.1",
            "HYBRIDRAG_QUERY_PORT", "0");

    private final List<ServiceKind> kinds;
    private final Map<String, String> settings = new HashMap<>(DEFAULTS);
    private UnaryOperator<FakeOpenAiServer> provider;
    private Tenants tenants = pipeline ->
            List.of(TestInfrastructure.tenant("default", pipeline.postgres().settings(), pipeline.root()));

    private ServiceGroup resources;
    private boolean perTest;
    private boolean scram;
    private Path root;
    private TestKafka kafka;
    private TestPostgres postgres;
    private FakeOpenAiServer fakeProvider;
    private Infrastructure infra;
    private RunningServices services;

    private RunningPipeline(List<ServiceKind> kinds) {
        this.kinds = kinds;
    }

    /** A pipeline that runs these services (none: the test starts its own, with {@link #services()}). */
    public static RunningPipeline with(ServiceKind... kinds) {
        return new RunningPipeline(List.of(kinds));
    }

    /** Settings over the defaults (2 partitions, 100 ms debounce, query-service on a free loopback port). */
    public RunningPipeline settings(Map<String, String> more) {
        settings.putAll(more);
        return this;
    }

    /** A broker that takes SASL/SCRAM logins only (as {@code ./hybridrag up}'s does); every client must log in. */
    public RunningPipeline scramBroker() {
        this.scram = true;
        return this;
    }

    /** Starts a fake LLM, set up by {@code setup} (dimensions, scripted answers) before the services start. */
    public RunningPipeline provider(UnaryOperator<FakeOpenAiServer> setup) {
        this.provider = setup;
        return this;
    }

    /** The tenants, made once the broker, database, fake LLM and {@link #root()} exist (default: one, "default"). */
    public RunningPipeline tenants(Tenants tenants) {
        this.tenants = tenants;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (resources == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    private void start() throws Exception {
        resources = new ServiceGroup("test pipeline");
        try {
            root = Files.createTempDirectory("pipeline");
            kafka = resources.hold("kafka", scram ? TestKafka.scram() : new TestKafka());
            settings.putAll(kafka.clientSettings());
            postgres = resources.hold("postgres", new TestPostgres());
            if (provider != null) {
                fakeProvider = provider.apply(resources.hold("fake LLM", FakeOpenAiServer.start()));
            }
            infra = infrastructure(Map.of(), tenants.of(this).toArray(TenantConfig[]::new));
            services = resources.add(new RunningServices());
            services.add(infra, kinds);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Another infrastructure on the same broker (another process, say, or the same tenants with changed settings),
     * with these settings over the pipeline's; closed with the pipeline.
     */
    public Infrastructure infrastructure(Map<String, String> more, TenantConfig... tenantConfigs) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(more);
        return resources.hold(
                "infrastructure", TestInfrastructure.create(kafka.bootstrapServers(), all, tenantConfigs));
    }

    private void close() throws IOException {
        if (resources == null) {
            return;
        }
        resources.close();
        resources = null;
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Makes the tenants (their folders and files too, if the test wants them there from the start). */
    @FunctionalInterface
    public interface Tenants {
        List<TenantConfig> of(RunningPipeline pipeline) throws Exception;
    }

    /** A folder of the test's own, deleted at the end: tenants' watch roots go under it. */
    public Path root() {
        return root;
    }

    public TestKafka kafka() {
        return kafka;
    }

    public TestPostgres postgres() {
        return postgres;
    }

    /** The fake LLM ({@link #provider} must have been asked for). */
    public FakeOpenAiServer provider() {
        if (fakeProvider == null) {
            throw new IllegalStateException("this pipeline runs no fake LLM: ask for one with provider(...)");
        }
        return fakeProvider;
    }

    /** The infrastructure the pipeline's services run on. */
    public Infrastructure infra() {
        return infra;
    }

    public TenantConfig tenant(String id) {
        return infra.tenants().require(id);
    }

    /** The running services; start more (or close some) through them. */
    public RunningServices services() {
        return services;
    }

    /** query-service's address, {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + services.queryPort();
    }
}
