package dev.hybridrag.cli;

/** SpecStory conversations the integration tests save into watched folders, shaped as the real exports. */
final class Conversations {

    /** A user's question about a port conflict and the answer: EADDRINUSE and --port are the words to find. */
    static final String PORT_CONFLICT = """
            # MCP server start-up

            _**User**_

            The MCP server crashes with EADDRINUSE when port 8080 is already taken by another process.

            ---

            _**Assistant**_

            A port conflict: print a short message naming the port and suggest --port, instead of stack traces.
            """;

    private Conversations() {}
}
