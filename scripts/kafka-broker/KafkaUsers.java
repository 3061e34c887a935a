import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Creates (or re-keys) a Kafka SCRAM user on the local-stack broker, logged in as the broker's own PLAIN user (the
 * one login that exists before any SCRAM credential does), so that no password ever is on a command line: every
 * password is read from a file.
 *
 *   java -cp 'var/kafka/lib/*' scripts/kafka-broker/KafkaUsers.java BROKER_PASSWORD_FILE CLIENT_LISTENER
 *       USER PASSWORD_FILE [PREFIX]
 *
 * With PREFIX the user may only use topics, groups and transactional ids starting with it (a deployment sharing the
 * broker, docs/security.md); without, the user is one of the broker's super.users (the local stack's services).
 * Then it waits until the user can log in on CLIENT_LISTENER, so services started next never race the credential.
 */
public class KafkaUsers {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: KafkaUsers BROKER_PASSWORD_FILE CLIENT_LISTENER USER PASSWORD_FILE [PREFIX]");
            System.exit(2);
        }
        String brokerPassword = read(args[0]), listener = args[1], user = args[2];
        String password = read(args[3]);
        String prefix = args.length > 4 ? args[4] : null;
        Properties admin = new Properties();
        admin.put("bootstrap.servers", listener);
        admin.put("security.protocol", "SASL_PLAINTEXT");
        admin.put("sasl.mechanism", "PLAIN");
        admin.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.plain.PlainLoginModule", "broker", brokerPassword));
        try (Admin client = Admin.create(admin)) {
            client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all()
                    .get();
            if (prefix != null) {
                client.createAcls(acls(user, prefix)).all().get();
            }
        }
        awaitLogin(listener, user, password);
    }

    private static List<AclBinding> acls(String user, String prefix) {
        List<AclBinding> acls = new ArrayList<>();
        String principal = "User:" + user;
        for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
            acls.add(new AclBinding(
                    new ResourcePattern(type, prefix, PatternType.PREFIXED),
                    new AccessControlEntry(principal, "*", AclOperation.ALL, AclPermissionType.ALLOW)));
        }
        return acls;
    }

    private static void awaitLogin(String listener, String user, String password) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", listener);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, password));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Admin client = Admin.create(props)) {
                client.describeCluster().clusterId().get();
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("user " + user + " cannot log in to " + listener, last);
    }

    private static String jaas(String module, String user, String password) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static String read(String file) throws Exception {
        return Files.readString(Path.of(file)).strip();
    }
}
