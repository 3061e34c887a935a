package dev.hybridrag.core.testing;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker inside the test JVM: open ({@link #TestKafka()}), or one that lets clients in only
 * after a SASL/SCRAM login ({@link #scram()}), as the broker of {@code ./hybridrag up} and of the Compose files does.
 */
public final class TestKafka implements AutoCloseable {

    /** The user {@link #scram()} creates for the services to log in as. */
    public static final String SCRAM_USER = "hybridrag-test";

    private static final String SCRAM_PASSWORD = "scram-test-secret";

    private final KafkaClusterTestKit cluster;
    private final Map<String, String> clientSettings;

    public TestKafka() throws Exception {
        this(SecurityProtocol.PLAINTEXT, Map.of(), Map.of());
    }

    private TestKafka(SecurityProtocol protocol, Map<String, String> brokerSettings, Map<String, String> clientSettings)
            throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(protocol)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", "33554432");
        brokerSettings.forEach(builder::setConfigProp);
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        this.clientSettings = clientSettings;
    }

    /**
     * A broker whose client listener takes SASL logins only: SCRAM-SHA-512 for the services ({@link #SCRAM_USER}),
     * PLAIN for the test kit's own admin, which creates the SCRAM user. A client that does not log in is refused.
     */
    public static TestKafka scram() throws Exception {
        TestKafka kafka = new TestKafka(
                SecurityProtocol.SASL_PLAINTEXT,
                // No authorizer (the kit would add one): what is tested is the login, not ACLs.
                Map.of("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512", "authorizer.class.name", ""),
                Map.of(
                        "KAFKA_SECURITY_PROTOCOL",
                        "SASL_PLAINTEXT",
                        "KAFKA_SASL_MECHANISM",
                        "SCRAM-SHA-512",
                        "KAFKA_SASL_USERNAME",
                        SCRAM_USER,
                        "KAFKA_SASL_PASSWORD",
                        SCRAM_PASSWORD));
        kafka.createScramUser();
        return kafka;
    }

    private void createScramUser() throws Exception {
        Properties admin = saslClient(
                "PLAIN",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD
                        + "\";");
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            SCRAM_USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), SCRAM_PASSWORD)))
                    .all()
                    .get();
        }
        awaitScramLogin();
    }

    /** A client of this broker's SASL listener logging in with {@code mechanism} and {@code jaas}. */
    private Properties saslClient(String mechanism, String jaas) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
        client.put(SaslConfigs.SASL_MECHANISM, mechanism);
        client.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
        return client;
    }

    /** The new credential reaches the broker through its metadata log: a login before that would be refused. */
    private void awaitScramLogin() throws Exception {
        Properties client = saslClient(
                "SCRAM-SHA-512",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + SCRAM_USER
                        + "\" password=\"" + SCRAM_PASSWORD + "\";");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Admin admin = Admin.create(client)) {
                admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The KAFKA_* settings a service needs to log in to this broker (none for an open one). */
    public Map<String, String> clientSettings() {
        return clientSettings;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
