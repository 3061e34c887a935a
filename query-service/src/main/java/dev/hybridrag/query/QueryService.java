package dev.hybridrag.query;

import dev.hybridrag.core.Infrastructure;
import dev.hybridrag.core.lifecycle.CompositeService;
import dev.hybridrag.core.lifecycle.Service;
import dev.hybridrag.core.lifecycle.ServiceGroup;
import java.net.InetSocketAddress;

/** query-service in the service lifecycle: its HTTP server, closed on a thread of its own when stopped. */
public final class QueryService extends CompositeService {

    private final Infrastructure infra;
    private final InetSocketAddress address;
    private QueryServer server;

    public QueryService(Infrastructure infra, InetSocketAddress address) {
        super("query");
        this.infra = infra;
        this.address = address;
    }

    @Override
    protected void assemble(ServiceGroup parts) {
        server = new QueryServer(infra, address);
        parts.add(Service.of("query-server", server::start, server));
    }

    /** The port the server listens on (the one chosen when asked for port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("query-service has not started");
        }
        return server.port();
    }
}
