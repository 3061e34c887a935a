package dev.hybridrag.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridrag.query.http.ApiException;
import dev.hybridrag.query.mcp.InvalidArgumentException;

/** Builds queries for callers outside the HTTP layer (the MCP tools), with the HTTP API's validation and limits. */
public final class QueryRequests {

    private QueryRequests() {}

    /** @throws InvalidArgumentException naming the field at fault, as the HTTP API's 400 would */
    public static QueryRequest parse(JsonNode body) {
        try {
            return QueryRequest.from(body);
        } catch (ApiException e) {
            throw new InvalidArgumentException(e.field(), e.getMessage());
        }
    }
}
