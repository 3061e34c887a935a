package dev.hybridrag.core.intake;

/**
 * Where documents that have no file behind them live among a tenant's paths: added over the HTTP API or by MCP
 * tools. The pipeline treats them like any document; only a retry differs, since there is no file to read again.
 */
public final class ApiDocuments {

    /** Documents added by {@code documents/text} and {@code documents/upload}. */
    public static final String UPLOADS = "uploads/";

    /** Documents added by the MCP tool {@code hybridrag_add_document}. */
    public static final String MCP = "mcp/";

    private ApiDocuments() {}

    public static boolean isApiDocument(String path) {
        return path.startsWith(UPLOADS) || path.startsWith(MCP);
    }
}
