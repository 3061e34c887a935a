package dev.hybridrag.core.config;

import java.util.List;

/**
 * Every setting hybridrag reads from the environment, with its default, meaning and what its value must be
 * ({@code .between(min, max)}, {@code .atLeast(min)}, {@code .oneOf(...)}). This table is the one place a setting is
 * declared; docs/configuration.md lists the same names. {@link Environment} checks every one when a process starts.
 */
public final class Settings {

    public static final Setting KAFKA_BOOTSTRAP_SERVERS =
            new Setting("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "Kafka brokers, host:port[,host:port]");
    public static final Setting TOPIC_PARTITIONS = new Setting(
                    "HYBRIDRAG_TOPIC_PARTITIONS",
                    "4",
                    "partitions of the file and extraction topics when hybridrag creates them; bounds worker replicas")
            .between(1, 256);
    public static final Setting TOPIC_REPLICATION_FACTOR = new Setting(
                    "HYBRIDRAG_TOPIC_REPLICATION_FACTOR",
                    "1",
                    "copies of each topic partition when hybridrag creates the topics; 3 on a three-broker cluster")
            .between(1, 16);
    public static final Setting TOPIC_MIN_INSYNC_REPLICAS = new Setting(
                    "HYBRIDRAG_TOPIC_MIN_INSYNC_REPLICAS",
                    "1",
                    "copies that must have a write before it is acknowledged (topics' min.insync.replicas); 2 with 3 copies")
            .between(1, 16);
    public static final Setting KAFKA_GROUP_PROTOCOL = new Setting(
                    "HYBRIDRAG_KAFKA_GROUP_PROTOCOL",
                    "consumer",
                    "consumer (Kafka 4's rebalance protocol: a replica joining or dying never pauses the others) or classic")
            .oneOf("consumer", "classic");

    public static final Setting KAFKA_SECURITY_PROTOCOL = new Setting(
                    "KAFKA_SECURITY_PROTOCOL",
                    "PLAINTEXT",
                    "PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL (./hybridrag up: SASL_PLAINTEXT with SCRAM, docs/security.md)")
            .oneOf("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL");
    public static final Setting KAFKA_SASL_MECHANISM =
            new Setting("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "SCRAM-SHA-512, SCRAM-SHA-256, PLAIN, or any other");
    public static final Setting KAFKA_SASL_USERNAME =
            new Setting("KAFKA_SASL_USERNAME", "", "the Kafka user the services authenticate as");
    public static final Setting KAFKA_SASL_PASSWORD =
            new Setting("KAFKA_SASL_PASSWORD", "", "that user's password (never logged)");
    public static final Setting KAFKA_SASL_PASSWORD_FILE = new Setting(
            "KAFKA_SASL_PASSWORD_FILE", "", "a file holding that password, when KAFKA_SASL_PASSWORD is unset");
    public static final Setting KAFKA_SASL_JAAS_CONFIG = new Setting(
            "KAFKA_SASL_JAAS_CONFIG",
            "",
            "a whole JAAS line (e.g. OAUTHBEARER), instead of the user name and password (never logged)");
    public static final Setting KAFKA_SSL_TRUSTSTORE_LOCATION = new Setting(
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "", "TLS: the trust store with the broker's CA (default: the JDK's)");
    public static final Setting KAFKA_SSL_TRUSTSTORE_PASSWORD =
            new Setting("KAFKA_SSL_TRUSTSTORE_PASSWORD", "", "TLS: that trust store's password (never logged)");
    public static final Setting KAFKA_SSL_TRUSTSTORE_TYPE =
            new Setting("KAFKA_SSL_TRUSTSTORE_TYPE", "", "TLS: JKS, PKCS12 or PEM (default: Kafka's, JKS)");
    public static final Setting KAFKA_SSL_KEYSTORE_LOCATION = new Setting(
            "KAFKA_SSL_KEYSTORE_LOCATION", "", "TLS client authentication: the key store with the client's key");
    public static final Setting KAFKA_SSL_KEYSTORE_PASSWORD =
            new Setting("KAFKA_SSL_KEYSTORE_PASSWORD", "", "TLS: that key store's password (never logged)");
    public static final Setting KAFKA_SSL_KEY_PASSWORD =
            new Setting("KAFKA_SSL_KEY_PASSWORD", "", "TLS: the client key's own password (never logged)");
    public static final Setting KAFKA_SSL_ENDPOINT_IDENTIFICATION = new Setting(
                    "KAFKA_SSL_ENDPOINT_IDENTIFICATION",
                    "https",
                    "TLS: https checks the broker certificate names the host; none turns that off")
            .oneOf("https", "none");

    public static final Setting KAFKA_PREFIX = new Setting(
            "HYBRIDRAG_KAFKA_PREFIX",
            "hybridrag",
            "start of every topic name and consumer group; deployments sharing one Kafka each need their own");

    public static final Setting TENANT =
            new Setting("HYBRIDRAG_TENANT", "default", "id of the single tenant defined by the environment");
    public static final Setting ISOLATION = new Setting(
            "HYBRIDRAG_ISOLATION",
            "workspace",
            "isolation of the single tenant: database (POSTGRES_DB is its own) or workspace (rows in a shared one)");
    public static final Setting LIGHTRAG_WORKSPACE = new Setting(
            "LIGHTRAG_WORKSPACE",
            "",
            "the seeds' name for the workspace; used as tenant id when HYBRIDRAG_TENANT is unset");
    public static final Setting TENANTS_FILE = new Setting(
            "HYBRIDRAG_TENANTS_FILE",
            "",
            "a tenants.yaml defining every tenant (docs/tenants.md); unset: one tenant from these variables");
    public static final Setting ONLY_TENANTS = new Setting(
            "HYBRIDRAG_ONLY", "", "comma-separated tenant ids this process serves (default: every configured tenant)");
    public static final Setting API_KEYS = new Setting(
            "HYBRIDRAG_API_KEYS",
            "",
            "comma-separated query API keys of the single tenant; unset: no key required (never logged)");
    public static final Setting API_KEY = new Setting(
            "HYBRIDRAG_API_KEY",
            "",
            "the key `hybridrag query`, `interactive` and `eval` send to query-service (never logged)");
    public static final Setting API_KEY_REQUESTS_PER_MINUTE = new Setting(
                    "HYBRIDRAG_API_KEY_REQUESTS_PER_MINUTE",
                    "600",
                    "requests query-service accepts per API key and minute; more get 429 with Retry-After (0: no limit)")
            .between(0, 1_000_000);
    public static final Setting WRITES = new Setting(
            "HYBRIDRAG_WRITES",
            "false",
            "true lets the single tenant's API callers add and delete documents (MCP write tools, uploads)");
    public static final Setting MCP_ALLOWED_ORIGINS = new Setting(
            "HYBRIDRAG_MCP_ALLOWED_ORIGINS",
            "",
            "comma-separated browser origins the MCP endpoint accepts besides loopback ones (others get 403)");
    public static final Setting WATCH_ROOT =
            new Setting("HYBRIDRAG_WATCH_ROOT", "./inbox", "folder the single tenant's watcher scans and watches");
    public static final Setting WATCH_PATTERNS = new Setting(
            "HYBRIDRAG_WATCH_PATTERNS",
            "**/*.md,**/.specstory/history/*.md,**/.specstory/.history/*.md",
            "comma-separated globs, relative to the watch root; hidden folders must be named to be watched");
    public static final Setting DEBOUNCE_MS = new Setting(
                    "HYBRIDRAG_DEBOUNCE_MS", "300", "the watcher reads a changed file once it has been quiet this long")
            .between(0, 60_000);
    public static final Setting DEBOUNCE_MAX_MS = new Setting(
                    "HYBRIDRAG_DEBOUNCE_MAX_MS",
                    "2000",
                    "a file that keeps changing is read at least this often (after the first change of a burst)")
            .between(0, 600_000);
    public static final Setting WATCH_EXCLUDE = new Setting(
            "HYBRIDRAG_WATCH_EXCLUDE", "", "comma-separated globs of files (or folders, as dir/**) not to ingest");
    public static final Setting HOST_PROJECTS_PATH = new Setting(
            "HOST_PROJECTS_PATH",
            "",
            "the seeds' projects folder: watched for SpecStory histories when HYBRIDRAG_WATCH_ROOT is unset");
    public static final Setting BACKEND_TYPE = new Setting(
            "BACKEND_TYPE",
            "postgres",
            "the seeds' storage choice; only postgres exists here (json and the others stop the services)");
    public static final Setting BATCH_SIZE = new Setting(
            "BATCH_SIZE",
            "",
            "the seeds' files per ingestion batch; accepted and unused: files stream one by one through Kafka");

    public static final Setting POSTGRES_HOST = new Setting("POSTGRES_HOST", "127.0.0.1", "PostgreSQL host");
    public static final Setting POSTGRES_PORT =
            new Setting("POSTGRES_PORT", "5432", "PostgreSQL port").between(1, 65535);
    public static final Setting POSTGRES_DB = new Setting("POSTGRES_DB", "hybridrag", "PostgreSQL database");
    public static final Setting POSTGRES_USER = new Setting("POSTGRES_USER", "hybridrag", "PostgreSQL user");
    public static final Setting POSTGRES_PASSWORD =
            new Setting("POSTGRES_PASSWORD", "", "PostgreSQL password (never logged)");
    public static final Setting APP_USER = new Setting(
            "HYBRIDRAG_APP_USER",
            "",
            "role services use for workspace-mode tenants on the POSTGRES_* server; backend init creates it without"
                    + " superuser or BYPASSRLS (unset: POSTGRES_USER, which row-level security may not hold)");
    public static final Setting APP_PASSWORD =
            new Setting("HYBRIDRAG_APP_PASSWORD", "", "that role's password (never logged)");
    public static final Setting APP_PASSWORD_FILE = new Setting(
            "HYBRIDRAG_APP_PASSWORD_FILE",
            "",
            "a file holding that role's password, when HYBRIDRAG_APP_PASSWORD is unset");
    public static final Setting PG_SERVER_CONNECTIONS = new Setting(
                    "HYBRIDRAG_PG_SERVER_CONNECTIONS",
                    "20",
                    "most connections this process opens to one PostgreSQL server (host:port), all its databases together;"
                            + " the fleet's processes together must stay below max_connections (docs/connections.md)")
            .between(2, 10_000);
    public static final Setting PG_POOL_SIZE = new Setting(
                    "HYBRIDRAG_PG_POOL_SIZE", "4", "most connections this process opens to one database")
            .between(1, 1000);
    public static final Setting PG_POOL_IDLE_SECONDS = new Setting(
                    "HYBRIDRAG_PG_POOL_IDLE_SECONDS",
                    "300",
                    "a database's pool unused this long is closed; its next use opens it again")
            .between(1, 86_400);
    public static final Setting PG_CONNECTION_WAIT_SECONDS = new Setting(
                    "HYBRIDRAG_PG_CONNECTION_WAIT_SECONDS",
                    "30",
                    "how long an operation waits for a connection while the caps are reached before it fails (and is retried)")
            .between(1, 3600);

    public static final Setting CHUNK_TOKENS = new Setting(
                    "HYBRIDRAG_CHUNK_TOKENS",
                    "",
                    "chunk budget in cl100k tokens; unset: 1200 (LightRAG's), or 400 with the offline embedding model")
            .between(64, 8192);
    public static final Setting CHUNK_OVERLAP_TOKENS = new Setting(
                    "HYBRIDRAG_CHUNK_OVERLAP_TOKENS",
                    "100",
                    "overlap between the pieces of a block too big for one chunk")
            .between(0, 4096);

    public static final Setting LLM_PROVIDER = new Setting(
            "HYBRIDRAG_LLM_PROVIDER",
            "",
            "offline, openai, azure, ollama or compatible; unset: chosen from the variables below");
    public static final Setting LLM_MODEL = new Setting("LLM_MODEL", "", "chat model (Azure: the deployment name)");
    public static final Setting EMBEDDING_PROVIDER = new Setting(
            "HYBRIDRAG_EMBEDDING_PROVIDER",
            "",
            "offline or the chat provider's name; unset: the chat provider when EMBEDDING_MODEL is set");
    public static final Setting EMBEDDING_MODEL =
            new Setting("EMBEDDING_MODEL", "", "embedding model (Azure: the deployment name)");
    public static final Setting EMBEDDING_DIM = new Setting(
                    "EMBEDDING_DIM", "0", "embedding dimension when the model is not a known one (0: learn it)")
            .between(0, 16_000);
    public static final Setting OPENAI_API_KEY = new Setting("OPENAI_API_KEY", "", "OpenAI key (never logged)");
    public static final Setting OPENAI_BASE_URL = new Setting(
            "OPENAI_BASE_URL", "", "any OpenAI-compatible API root, e.g. http://localhost:11434/v1 for Ollama");
    public static final Setting AZURE_API_BASE =
            new Setting("AZURE_API_BASE", "", "Azure OpenAI / AI Foundry endpoint, e.g. https://NAME.openai.azure.com");
    public static final Setting AZURE_API_KEY = new Setting("AZURE_API_KEY", "", "Azure key (never logged)");
    public static final Setting AZURE_API_VERSION =
            new Setting("AZURE_API_VERSION", "2024-10-21", "Azure OpenAI API version");
    public static final Setting AZURE_OPENAI_ENDPOINT =
            new Setting("AZURE_OPENAI_ENDPOINT", "", "Azure SDKs' name for AZURE_API_BASE, read when that is unset");
    public static final Setting AZURE_OPENAI_API_KEY = new Setting(
            "AZURE_OPENAI_API_KEY", "", "Azure SDKs' name for AZURE_API_KEY, read when that is unset (never logged)");
    public static final Setting AZURE_OPENAI_API_VERSION = new Setting(
            "AZURE_OPENAI_API_VERSION", "", "Azure SDKs' name for AZURE_API_VERSION, read when that is unset");
    public static final Setting GLEANING_PASSES =
            new Setting("HYBRIDRAG_GLEANING_PASSES", "1", "extra LLM passes asking for missed entities").between(0, 5);
    public static final Setting ENTITY_TYPES = new Setting(
            "HYBRIDRAG_ENTITY_TYPES",
            "person,organization,technology,concept,file,event",
            "entity types the LLM is asked for");
    public static final Setting LLM_MAX_ATTEMPTS =
            new Setting("HYBRIDRAG_LLM_MAX_ATTEMPTS", "6", "attempts per LLM call, the first included").between(1, 100);
    public static final Setting LLM_INITIAL_BACKOFF_MS = new Setting(
                    "HYBRIDRAG_LLM_INITIAL_BACKOFF_MS", "1000", "first retry backoff; doubles per attempt, with jitter")
            .between(0, 600_000);
    public static final Setting LLM_REQUESTS_PER_MINUTE = new Setting(
                    "HYBRIDRAG_LLM_REQUESTS_PER_MINUTE", "0", "request rate limit per tenant (0: none)")
            .between(0, 1_000_000);
    public static final Setting LLM_TOKENS_PER_MINUTE = new Setting(
                    "HYBRIDRAG_LLM_TOKENS_PER_MINUTE", "0", "token rate limit per tenant (0: none)")
            .between(0, Integer.MAX_VALUE);
    public static final Setting LLM_CONCURRENCY = new Setting(
                    "HYBRIDRAG_LLM_CONCURRENCY", "4", "concurrent LLM calls per tenant and process")
            .between(1, 256);
    public static final Setting LLM_TIMEOUT_SECONDS =
            new Setting("HYBRIDRAG_LLM_TIMEOUT_SECONDS", "120", "timeout of one LLM request").between(1, 3600);
    public static final Setting LLM_DAILY_BUDGET_USD = new Setting(
                    "HYBRIDRAG_LLM_DAILY_BUDGET_USD",
                    "0",
                    "estimated LLM and embedding spend per tenant and UTC day, fleet-wide, that pauses its calls (0: none)")
            .atLeast(0);
    public static final Setting LLM_USD_PER_MILLION_TOKENS = new Setting(
                    "HYBRIDRAG_LLM_USD_PER_MILLION_TOKENS",
                    "0",
                    "price in USD per million tokens (prompt and completion) of models HYBRIDRAG_LLM_PRICES does not name")
            .atLeast(0);
    public static final Setting LLM_PRICES = new Setting(
            "HYBRIDRAG_LLM_PRICES",
            "",
            "USD per million tokens by model, MODEL=PROMPT/COMPLETION or MODEL=PRICE, comma-separated"
                    + " (e.g. gpt-4o-mini=0.15/0.60,text-embedding-3-small=0.02)");
    public static final Setting MAX_FILE_BYTES = new Setting(
                    "HYBRIDRAG_MAX_FILE_BYTES", "8388608", "files above this size are refused with a recorded reason")
            .between(1, Integer.MAX_VALUE);

    public static final Setting SUMMARY_MAX_DESCRIPTIONS = new Setting(
                    "HYBRIDRAG_SUMMARY_MAX_DESCRIPTIONS",
                    "8",
                    "an entity or relation with more distinct descriptions is summarised by the LLM (LLM tenants)")
            .between(1, 1000);
    public static final Setting SUMMARY_MAX_TOKENS = new Setting(
                    "HYBRIDRAG_SUMMARY_MAX_TOKENS",
                    "1200",
                    "descriptions longer than this together are summarised (LLM tenants) or cut (offline tenants)")
            .between(64, 32_000);

    // One batch is one transaction holding the tenant's leader lock: at most 2048 keeps it to seconds of embedding.
    public static final Setting REEMBED_BATCH = new Setting(
                    "HYBRIDRAG_REEMBED_BATCH",
                    "64",
                    "texts re-embedded per step (one transaction) after a tenant's embedding model changed")
            .between(1, 2048);

    public static final Setting QUERY_HOST =
            new Setting("HYBRIDRAG_QUERY_HOST", "127.0.0.1", "address query-service binds to");
    public static final Setting QUERY_PORT =
            new Setting("HYBRIDRAG_QUERY_PORT", "8080", "query-service HTTP port").between(0, 65535);

    public static final Setting METRICS_HOST = new Setting(
            "HYBRIDRAG_METRICS_HOST",
            "127.0.0.1",
            "address the metrics port of a watcher, extractor or indexer process binds to");
    public static final Setting METRICS_PORT = new Setting(
                    "HYBRIDRAG_METRICS_PORT",
                    "9464",
                    "GET /metrics of a process without query-service (which serves /metrics on its own port); 0: none")
            .between(0, 65535);

    public static final Setting RERANK_BINDING = new Setting(
            "RERANK_BINDING",
            "",
            "rerank provider (LightRAG's name): cohere, jina, or compatible (vLLM, Infinity, TEI); unset or null: none");
    public static final Setting RERANK_MODEL =
            new Setting("RERANK_MODEL", "", "rerank model, e.g. rerank-v3.5 or jina-reranker-v2-base-multilingual");
    public static final Setting RERANK_BINDING_HOST = new Setting(
            "RERANK_BINDING_HOST",
            "",
            "API root the rerank provider's /rerank is under (cohere and jina have defaults)");
    public static final Setting RERANK_BINDING_API_KEY =
            new Setting("RERANK_BINDING_API_KEY", "", "key of the rerank provider (never logged)");
    public static final Setting RERANK_CANDIDATES = new Setting(
                    "HYBRIDRAG_RERANK_CANDIDATES",
                    "40",
                    "fused chunks handed to the tenant's reranker per query; the best chunk_top_k of them are kept")
            .between(1, 1000);

    public static final Setting FUSION_K = new Setting(
                    "HYBRIDRAG_FUSION_K",
                    "60",
                    "reciprocal rank fusion's k: a record scores weight / (k + rank) in each ranked list holding it")
            .atLeast(0);
    public static final Setting FUSION_VECTOR_WEIGHT = new Setting(
                    "HYBRIDRAG_FUSION_VECTOR_WEIGHT",
                    "1.0",
                    "weight of vector search in the fused ranking of chunks, entities and relations (0: left out)")
            .atLeast(0);
    public static final Setting FUSION_LEXICAL_WEIGHT = new Setting(
                    "HYBRIDRAG_FUSION_LEXICAL_WEIGHT",
                    "1.0",
                    "weight of full-text search in the fused ranking of chunks, entities and relations (0: left out)")
            .atLeast(0);
    public static final Setting FUSION_GRAPH_WEIGHT = new Setting(
                    "HYBRIDRAG_FUSION_GRAPH_WEIGHT",
                    "0.5",
                    "weight of the chunks the graph leads to in mix mode's fused ranking of chunks (0: left out)")
            .atLeast(0);
    public static final Setting FUSION_VOTE_WEIGHT = new Setting(
                    "HYBRIDRAG_FUSION_VOTE_WEIGHT",
                    "1.0",
                    "weight of the graph's votes beside vector and full-text search when ordering the chunks the graph"
                            + " leads to (0: the question alone orders them)")
            .atLeast(0);
    public static final Setting LEXICAL_CANDIDATES = new Setting(
                    "HYBRIDRAG_LEXICAL_CANDIDATES",
                    "2000",
                    "at most how many rows a full-text search ranks: the question's words rarest first while the rows"
                            + " holding them stay within it, the rarest word's always (0: every row holding any word)")
            .between(0, Integer.MAX_VALUE);
    public static final Setting EXACT_SEARCH_MAX_VECTORS = new Setting(
                    "HYBRIDRAG_EXACT_SEARCH_MAX_VECTORS",
                    "2500",
                    "a tenant with at most this many vectors of a kind in its model is searched exactly, not by HNSW")
            .between(0, Integer.MAX_VALUE);
    public static final Setting HNSW_EF_SEARCH = new Setting(
                    "HYBRIDRAG_HNSW_EF_SEARCH",
                    "350",
                    "HNSW candidate list (hnsw.ef_search) of the chunk and relation searches above the exact-search"
                            + " size; 1 to 1000")
            .between(1, 1000);
    public static final Setting HNSW_EF_SEARCH_ENTITIES = new Setting(
                    "HYBRIDRAG_HNSW_EF_SEARCH_ENTITIES",
                    "200",
                    "HNSW candidate list (hnsw.ef_search) of the entity search above the exact-search size; 1 to 1000")
            .between(1, 1000);

    public static final Setting ALLOW_ANONYMOUS = new Setting(
                    "HYBRIDRAG_ALLOW_ANONYMOUS",
                    "false",
                    "true lets query-service listen beyond loopback while a tenant needs no API key")
            .oneOf("true", "false");
    public static final Setting HTTP_ALLOWED_HOSTS = new Setting(
            "HYBRIDRAG_HTTP_ALLOWED_HOSTS",
            "",
            "Host names query-service answers for besides the loopback ones and its own address, comma-separated");
    public static final Setting HTTP_ALLOWED_ORIGINS = new Setting(
            "HYBRIDRAG_HTTP_ALLOWED_ORIGINS",
            "",
            "browser origins allowed cross-origin (scheme://host[:port], comma-separated); none by default");
    public static final Setting HTTP_HEADER_TIMEOUT_MS = new Setting(
                    "HYBRIDRAG_HTTP_HEADER_TIMEOUT_MS",
                    "10000",
                    "a new connection's first request must arrive within this")
            .between(100, 600_000);
    public static final Setting HTTP_IDLE_TIMEOUT_MS = new Setting(
                    "HYBRIDRAG_HTTP_IDLE_TIMEOUT_MS",
                    "30000",
                    "a connection without reads or writes for this long is closed, also one whose client stopped reading")
            .between(100, 3_600_000);
    public static final Setting HTTP_TENANT_CONCURRENCY = new Setting(
                    "HYBRIDRAG_HTTP_TENANT_CONCURRENCY",
                    "32",
                    "requests (streams included) of one tenant in flight at once")
            .between(1, 10_000);
    public static final Setting HTTP_FAILED_KEYS_PER_MINUTE = new Setting(
                    "HYBRIDRAG_HTTP_FAILED_KEYS_PER_MINUTE",
                    "20",
                    "requests refused for their API key per client address and minute before that address gets 429")
            .between(1, 1_000_000);

    public static final List<Setting> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS,
            TOPIC_PARTITIONS,
            TOPIC_REPLICATION_FACTOR,
            TOPIC_MIN_INSYNC_REPLICAS,
            KAFKA_PREFIX,
            KAFKA_GROUP_PROTOCOL,
            KAFKA_SECURITY_PROTOCOL,
            KAFKA_SASL_MECHANISM,
            KAFKA_SASL_USERNAME,
            KAFKA_SASL_PASSWORD,
            KAFKA_SASL_PASSWORD_FILE,
            KAFKA_SASL_JAAS_CONFIG,
            KAFKA_SSL_TRUSTSTORE_LOCATION,
            KAFKA_SSL_TRUSTSTORE_PASSWORD,
            KAFKA_SSL_TRUSTSTORE_TYPE,
            KAFKA_SSL_KEYSTORE_LOCATION,
            KAFKA_SSL_KEYSTORE_PASSWORD,
            KAFKA_SSL_KEY_PASSWORD,
            KAFKA_SSL_ENDPOINT_IDENTIFICATION,
            TENANT,
            ISOLATION,
            TENANTS_FILE,
            ONLY_TENANTS,
            API_KEYS,
            API_KEY,
            API_KEY_REQUESTS_PER_MINUTE,
            WRITES,
            MCP_ALLOWED_ORIGINS,
            LIGHTRAG_WORKSPACE,
            WATCH_ROOT,
            WATCH_PATTERNS,
            WATCH_EXCLUDE,
            DEBOUNCE_MS,
            DEBOUNCE_MAX_MS,
            HOST_PROJECTS_PATH,
            BACKEND_TYPE,
            BATCH_SIZE,
            POSTGRES_HOST,
            POSTGRES_PORT,
            POSTGRES_DB,
            POSTGRES_USER,
            POSTGRES_PASSWORD,
            APP_USER,
            APP_PASSWORD,
            APP_PASSWORD_FILE,
            PG_SERVER_CONNECTIONS,
            PG_POOL_SIZE,
            PG_POOL_IDLE_SECONDS,
            PG_CONNECTION_WAIT_SECONDS,
            CHUNK_TOKENS,
            CHUNK_OVERLAP_TOKENS,
            LLM_PROVIDER,
            LLM_MODEL,
            EMBEDDING_PROVIDER,
            EMBEDDING_MODEL,
            EMBEDDING_DIM,
            OPENAI_API_KEY,
            OPENAI_BASE_URL,
            AZURE_API_BASE,
            AZURE_API_KEY,
            AZURE_API_VERSION,
            AZURE_OPENAI_ENDPOINT,
            AZURE_OPENAI_API_KEY,
            AZURE_OPENAI_API_VERSION,
            GLEANING_PASSES,
            ENTITY_TYPES,
            LLM_MAX_ATTEMPTS,
            LLM_INITIAL_BACKOFF_MS,
            LLM_REQUESTS_PER_MINUTE,
            LLM_TOKENS_PER_MINUTE,
            LLM_CONCURRENCY,
            LLM_TIMEOUT_SECONDS,
            LLM_DAILY_BUDGET_USD,
            LLM_USD_PER_MILLION_TOKENS,
            LLM_PRICES,
            METRICS_HOST,
            METRICS_PORT,
            MAX_FILE_BYTES,
            SUMMARY_MAX_DESCRIPTIONS,
            SUMMARY_MAX_TOKENS,
            REEMBED_BATCH,
            QUERY_HOST,
            QUERY_PORT,
            ALLOW_ANONYMOUS,
            HTTP_ALLOWED_HOSTS,
            HTTP_ALLOWED_ORIGINS,
            HTTP_HEADER_TIMEOUT_MS,
            HTTP_IDLE_TIMEOUT_MS,
            HTTP_TENANT_CONCURRENCY,
            HTTP_FAILED_KEYS_PER_MINUTE,
            RERANK_BINDING,
            RERANK_MODEL,
            RERANK_BINDING_HOST,
            RERANK_BINDING_API_KEY,
            RERANK_CANDIDATES,
            FUSION_K,
            FUSION_VECTOR_WEIGHT,
            FUSION_LEXICAL_WEIGHT,
            FUSION_GRAPH_WEIGHT,
            FUSION_VOTE_WEIGHT,
            LEXICAL_CANDIDATES,
            EXACT_SEARCH_MAX_VECTORS,
            HNSW_EF_SEARCH,
            HNSW_EF_SEARCH_ENTITIES);

    private Settings() {}
}
