package dev.hybridrag.core.tenant;

/** How a tenant's rows are kept apart from other tenants'. */
public enum Isolation {
    /** The tenant has its own PostgreSQL database. */
    DATABASE,
    /** The tenant shares tables with others, its rows tagged with its id in the {@code workspace} column. */
    WORKSPACE
}
