package dev.hybridrag.core.config;

import java.util.List;

/**
 * Every setting hybridrag reads from the environment, with its default and meaning. This table is the one
 * place a setting is declared; docs/configuration.md lists the same names.
 */
public final class Settings {

    public static final Setting KAFKA_BOOTSTRAP_SERVERS =
            new Setting("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "Kafka brokers, host:port[,host:port]");
    public static final Setting TOPIC_PARTITIONS = new Setting(
            "HYBRIDRAG_TOPIC_PARTITIONS",
            "4",
            "partitions of the file and extraction topics when hybridrag creates them; bounds worker replicas");

    public static final Setting TENANT =
            new Setting("HYBRIDRAG_TENANT", "default", "id of the single tenant defined by the environment");
    public static final Setting LIGHTRAG_WORKSPACE = new Setting(
            "LIGHTRAG_WORKSPACE",
            "",
            "the seeds' name for the workspace; used as tenant id when HYBRIDRAG_TENANT is unset");
    public static final Setting WATCH_ROOT =
            new Setting("HYBRIDRAG_WATCH_ROOT", "./inbox", "folder the single tenant's watcher scans and watches");
    public static final Setting WATCH_PATTERNS =
            new Setting("HYBRIDRAG_WATCH_PATTERNS", "**/*.md", "comma-separated globs, relative to the watch root");

    public static final Setting POSTGRES_HOST = new Setting("POSTGRES_HOST", "127.0.0.1", "PostgreSQL host");
    public static final Setting POSTGRES_PORT = new Setting("POSTGRES_PORT", "5432", "PostgreSQL port");
    public static final Setting POSTGRES_DB = new Setting("POSTGRES_DB", "hybridrag", "PostgreSQL database");
    public static final Setting POSTGRES_USER = new Setting("POSTGRES_USER", "hybridrag", "PostgreSQL user");
    public static final Setting POSTGRES_PASSWORD =
            new Setting("POSTGRES_PASSWORD", "", "PostgreSQL password (never logged)");

    public static final Setting CHUNK_TOKENS = new Setting(
            "HYBRIDRAG_CHUNK_TOKENS",
            "400",
            "chunk budget in cl100k tokens; 400 keeps a chunk inside the offline model's 512 word-pieces");
    public static final Setting CHUNK_OVERLAP_TOKENS = new Setting(
            "HYBRIDRAG_CHUNK_OVERLAP_TOKENS", "50", "overlap between the pieces of a block too big for one chunk");
    public static final Setting MAX_FILE_BYTES = new Setting(
            "HYBRIDRAG_MAX_FILE_BYTES", "8388608", "files above this size are refused with a recorded reason");

    public static final Setting QUERY_HOST =
            new Setting("HYBRIDRAG_QUERY_HOST", "127.0.0.1", "address query-service binds to");
    public static final Setting QUERY_PORT = new Setting("HYBRIDRAG_QUERY_PORT", "8080", "query-service HTTP port");

    public static final List<Setting> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS,
            TOPIC_PARTITIONS,
            TENANT,
            LIGHTRAG_WORKSPACE,
            WATCH_ROOT,
            WATCH_PATTERNS,
            POSTGRES_HOST,
            POSTGRES_PORT,
            POSTGRES_DB,
            POSTGRES_USER,
            POSTGRES_PASSWORD,
            CHUNK_TOKENS,
            CHUNK_OVERLAP_TOKENS,
            MAX_FILE_BYTES,
            QUERY_HOST,
            QUERY_PORT);

    private Settings() {}
}
