package dev.hybridrag.core.storage;

import dev.hybridrag.core.tenant.TenantId;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool seen through one tenant's workspace: every connection it hands out has {@code hybridrag.workspace} set to
 * the tenant's id before the caller gets it, so the row-level security policies (V6 migration) show and accept that
 * tenant's rows only. It is the only way services reach tenant tables ({@code Infrastructure.dataSource(tenant)}),
 * so the setting cannot be forgotten; connections go back to the shared pool and are set again on their next use.
 * The pool itself is never handed out (it does not unwrap): its connections carry whichever workspace was set last.
 */
public final class WorkspaceDataSource implements OpaqueDataSource {

    /** The session setting the policies read. */
    public static final String SETTING = "hybridrag.workspace";

    private final DataSource pool;
    private final String workspace;

    public WorkspaceDataSource(DataSource pool, String workspace) {
        this.pool = pool;
        this.workspace = TenantId.of(workspace).value();
    }

    public String workspace() {
        return workspace;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = pool.getConnection();
        try {
            enter(connection, workspace);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Sets the session's workspace (for the whole session, not one transaction: the caller may commit many). It is
     * committed at once, so a rollback by the caller cannot bring back the workspace of the connection's last user.
     */
    private static void enter(Connection connection, String workspace) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT set_config('" + SETTING + "', ?, false)")) {
            statement.setString(1, workspace);
            statement.execute();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a workspace data source connects as its pool's role only");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public String toString() {
        return "WorkspaceDataSource[" + workspace + "]";
    }
}
