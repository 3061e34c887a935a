package dev.hybridrag.cli;

import picocli.CommandLine.Option;

/** {@code --url}: the query-service a client command talks to, by default the one the settings name. */
final class QueryServiceOption {

    @Option(names = "--url", description = "query-service base URL (default: from HYBRIDRAG_QUERY_HOST/PORT)")
    String url;

    /** A client of that query-service, with the API key from the settings. */
    QueryClient client() {
        return QueryClient.forUrl(url);
    }
}
