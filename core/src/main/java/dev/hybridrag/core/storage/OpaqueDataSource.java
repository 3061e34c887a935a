package dev.hybridrag.core.storage;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A data source that hands out nothing behind it: {@code unwrap} gives only the object itself. The pools and wrappers
 * here each stand between callers and something that must not be used directly (the pool a workspace wrapper sets
 * its workspace on, the driver a connection budget counts).
 */
interface OpaqueDataSource extends DataSource {

    @Override
    default <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException(getClass().getSimpleName() + " does not unwrap to " + type.getName());
    }

    @Override
    default boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
