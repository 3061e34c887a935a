package dev.hybridrag.query.http;

import dev.hybridrag.core.metrics.PipelineMeters;
import dev.hybridrag.core.tenant.TenantConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Routes every request through the route table, admits tenant routes by key, and answers failures as JSON. */
final class ApiServlet extends HttpServlet {

    private final transient RouteTable routes;
    private final transient TenantAccess access;
    private final transient ErrorMapper errors = new ErrorMapper();

    ApiServlet(RouteTable routes, TenantAccess access) {
        this.routes = routes;
        this.access = access;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().isEmpty() ? "/" : decodedPath(request);
        String route = "unmatched";
        try {
            RouteTable.Match match = routes.match(request.getMethod(), path);
            route = match.route().endpoint();
            TenantConfig tenant = match.route().tenantScoped()
                    ? access.admit(match.variables().get("tenant"), ApiExchange.presentedKey(request))
                    : null;
            match.route().handler().handle(new ApiExchange(request, response, match.variables(), tenant));
        } catch (Exception | Error failure) {
            if (response.isCommitted()) {
                // The answer had begun (a stream): nothing can be said in its place any more.
                throw failure instanceof IOException io ? io : new IOException(failure);
            }
            write(response, errors.map(request.getMethod(), path, failure));
        } finally {
            // The route's template, never the path: one series per endpoint, whatever the tenants and names.
            PipelineMeters.httpRequest(route, response.getStatus());
        }
    }

    static void write(HttpServletResponse response, ErrorMapper.ApiError error) throws IOException {
        response.reset();
        error.headers().forEach(response::setHeader);
        byte[] body = Json.MAPPER.writeValueAsBytes(error.body());
        response.setStatus(error.status());
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    // The servlet path plus path info is the decoded path (the container refuses ambiguous encodings before here).
    private static String decodedPath(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }
}
