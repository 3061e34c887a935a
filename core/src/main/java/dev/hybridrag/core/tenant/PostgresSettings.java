package dev.hybridrag.core.tenant;

/** Where a tenant's tables live. The password never appears in {@link #toString()}. */
public record PostgresSettings(String host, int port, String database, String user, String password) {

    public PostgresSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PostgreSQL port out of range: " + port);
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL database is empty");
        }
        password = password == null ? "" : password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Identifies one connection pool: tenants with equal keys share it. */
    public String poolKey() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + poolKey() + "]";
    }
}
