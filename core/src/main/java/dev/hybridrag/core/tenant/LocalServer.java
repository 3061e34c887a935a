package dev.hybridrag.core.tenant;

import dev.hybridrag.core.config.ConfigException;
import dev.hybridrag.core.config.Environment;
import dev.hybridrag.core.config.Settings;
import java.util.Optional;

/**
 * The server the POSTGRES_* variables describe, and who a tenant without a user of its own logs in as there: in
 * database mode the administrator (POSTGRES_USER), in workspace mode the shared database's application role
 * (HYBRIDRAG_APP_USER) when one is configured, so that row-level security holds the services.
 */
final class LocalServer {

    private LocalServer() {}

    static PostgresSettings forTenant(Environment env, String id, Isolation isolation) {
        boolean appRole = isolation == Isolation.WORKSPACE && env.isSet(Settings.APP_USER);
        String user = appRole ? env.get(Settings.APP_USER) : env.get(Settings.POSTGRES_USER);
        return new PostgresSettings(
                env.get(Settings.POSTGRES_HOST),
                env.getInt(Settings.POSTGRES_PORT),
                isolation == Isolation.DATABASE ? id : env.get(Settings.POSTGRES_DB),
                user,
                knownPassword(env, user).orElse(""));
    }

    /**
     * The password of a login the environment holds one for (the administrator's, or the application role's);
     * empty for any other user, which must name its own.
     */
    static Optional<String> knownPassword(Environment env, String user) {
        if (env.isSet(Settings.APP_USER) && user.equals(env.get(Settings.APP_USER))) {
            return Optional.of(appPassword(env));
        }
        return user.equals(env.get(Settings.POSTGRES_USER))
                ? Optional.of(env.get(Settings.POSTGRES_PASSWORD))
                : Optional.empty();
    }

    private static String appPassword(Environment env) {
        String password = env.secret(Settings.APP_PASSWORD, Settings.APP_PASSWORD_FILE);
        if (password.isEmpty()) {
            throw new ConfigException(Settings.APP_USER.name() + " is set, but neither " + Settings.APP_PASSWORD.name()
                    + " nor " + Settings.APP_PASSWORD_FILE.name() + " is");
        }
        return password;
    }
}
