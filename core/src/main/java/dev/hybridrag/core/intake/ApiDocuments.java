package dev.hybridrag.core.intake;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where documents that have no file behind them live among a tenant's paths: added over the HTTP API or by MCP
 * tools. The pipeline treats them like any document; only a retry differs, since there is no file to read again.
 */
public final class ApiDocuments {

    /** Documents added by {@code documents/text} and {@code documents/upload}. */
    public static final String UPLOADS = "uploads/";

    /** Documents added by the MCP tool {@code hybridrag_add_document}. */
    public static final String MCP = "mcp/";

    /** What {@link #safeName} accepts, for the error a caller shows. */
    public static final String NAME_RULE =
            "a relative file name such as notes/decisions.md (1-200 characters: letters, digits, . _ - / and spaces,"
                    + " starting with a letter or digit; no '..')";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/ -]{0,199}");

    private ApiDocuments() {}

    /**
     * The name a client gave a document (an upload's file name, {@code file_source}, the MCP tool's {@code name}),
     * stripped, when it is safe below the prefix: ASCII letters, digits, {@code . _ - /} and spaces, starting with a
     * letter or digit, no {@code ..}, no empty segment, no trailing slash. One rule for the HTTP API and the MCP
     * tools (the stricter of the two they had), so a name one door takes the other takes too.
     */
    public static Optional<String> safeName(String given) {
        String name = given == null ? "" : given.strip();
        boolean safe =
                NAME.matcher(name).matches() && !name.contains("..") && !name.contains("//") && !name.endsWith("/");
        return safe ? Optional.of(name) : Optional.empty();
    }

    public static boolean isApiDocument(String path) {
        return path.startsWith(UPLOADS) || path.startsWith(MCP);
    }
}
