package dev.hybridrag.query.http;

import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use a tenant's URLs. A tenant with keys answers only to one of them (401 otherwise); a key belongs to its
 * tenants and opens no other (403, whether the other tenant exists or not, so a key holder learns nothing about
 * it); each key gets its own request budget per period (429 with Retry-After beyond it). Budgets are counted under
 * the key's hash, and only for keys that are configured, so strangers cannot grow the table.
 */
public final class TenantAccess {

    private final TenantRegistry tenants;
    private final int requestsPerPeriod;
    private final Duration period;
    private final Clock clock;
    private final Map<String, AtomicRateLimiter> budgets = new ConcurrentHashMap<>();

    /** @param requestsPerPeriod 0 for no limit */
    public TenantAccess(TenantRegistry tenants, int requestsPerPeriod, Duration period, Clock clock) {
        this.tenants = tenants;
        this.requestsPerPeriod = requestsPerPeriod;
        this.period = period;
        this.clock = clock;
    }

    /**
     * @param tenantId the id from the URL, untrusted
     * @param presentedKey the key the request carries, or null
     * @return the tenant, when the request may use it
     * @throws ApiException 404, 401, 403 or 429
     */
    public TenantConfig admit(String tenantId, String presentedKey) {
        Optional<TenantConfig> tenant = tenants.find(tenantId);
        Optional<String> fingerprint = tenant.flatMap(t -> t.apiKeys().fingerprint(presentedKey));
        if (fingerprint.isPresent()) {
            spend(tenant.get(), fingerprint.get());
            return tenant.get();
        }
        if (belongsToAnotherTenant(presentedKey)) {
            throw new ApiException(403, "", "this API key does not open this tenant");
        }
        TenantConfig found =
                tenant.orElseThrow(() -> ApiException.notFound("unknown tenant '" + printable(tenantId) + "'"));
        if (found.apiKeys().required()) {
            throw new ApiException(
                    401,
                    "",
                    "tenant '" + found.id() + "' needs an API key: send Authorization: Bearer KEY or X-API-Key: KEY");
        }
        return found;
    }

    /** The tenants a request with this key (or none) may use: those the key opens and those that need no key. */
    public List<TenantConfig> opened(String presentedKey) {
        return tenants.all().stream()
                .filter(t -> !t.apiKeys().required() || t.apiKeys().accepts(presentedKey))
                .toList();
    }

    private boolean belongsToAnotherTenant(String presentedKey) {
        return presentedKey != null
                && !presentedKey.isBlank()
                && tenants.all().stream().anyMatch(t -> t.apiKeys().accepts(presentedKey));
    }

    private void spend(TenantConfig tenant, String fingerprint) {
        if (requestsPerPeriod == 0) {
            return;
        }
        AtomicRateLimiter budget = budgets.computeIfAbsent(
                tenant.id() + "/" + fingerprint,
                name -> new AtomicRateLimiter(
                        name,
                        RateLimiterConfig.custom()
                                .limitForPeriod(requestsPerPeriod)
                                .limitRefreshPeriod(period)
                                .timeoutDuration(Duration.ZERO)
                                .build(),
                        () -> clock.millis() * 1_000_000L));
        if (!budget.acquirePermission()) {
            long seconds = Math.max(1, (budget.getDetailedMetrics().getNanosToWait() + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(
                            429,
                            "",
                            "this API key has used its " + requestsPerPeriod + " requests per " + period.toSeconds()
                                    + " s; retry in " + seconds + " s")
                    .withRetryAfter(seconds);
        }
    }

    // Tenant ids from URLs are echoed back only when they are plausible ids, never arbitrary text.
    static String printable(String id) {
        return id.matches("[A-Za-z0-9_-]{1,63}") ? id : "(invalid id)";
    }
}
