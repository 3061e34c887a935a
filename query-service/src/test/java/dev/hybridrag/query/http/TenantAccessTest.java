package dev.hybridrag.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.Isolation;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.PostgresSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import dev.hybridrag.core.tenant.TenantRegistry;
import dev.hybridrag.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantAccessTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final TenantRegistry tenants = new TenantRegistry(
            List.of(tenant("alpha", "alpha-key", "alpha-key-2"), tenant("beta", "beta-key"), tenant("open")));
    private final TenantAccess access = new TenantAccess(tenants, 3, Duration.ofMinutes(1), clock);

    @Test
    void aKeyOpensItsOwnTenantAndIsRefusedEverywhereElseAlike() {
        assertThat(access.admit("alpha", "alpha-key").id().value()).isEqualTo("alpha");

        ApiException onBeta = refusal("beta", "alpha-key");
        ApiException onNobody = refusal("nobody", "alpha-key");
        ApiException onGarbage = refusal("../beta", "alpha-key");
        ApiException onOpen = refusal("open", "alpha-key");

        for (ApiException refused : List.of(onBeta, onNobody, onGarbage, onOpen)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.getMessage()).isEqualTo(onNobody.getMessage()).doesNotContain("beta");
        }
    }

    @Test
    void missingOrWrongKeysAre401AndUnknownTenantsWithoutAKey404() {
        assertThat(refusal("beta", null).status()).isEqualTo(401);
        assertThat(refusal("beta", "beta-key-guess").status()).isEqualTo(401);
        assertThat(refusal("beta", "").status()).isEqualTo(401);
        assertThat(refusal("nobody", null).status()).isEqualTo(404);
        assertThat(refusal("x' OR '1'='1", "guess").getMessage()).contains("(invalid id)");
        assertThat(access.admit("open", null).id().value()).isEqualTo("open");
        assertThat(access.admit("open", "not-anyones-key").id().value()).isEqualTo("open");
    }

    @Test
    void eachKeyHasItsOwnBudgetAndIsToldWhenToComeBack() {
        for (int i = 0; i < 3; i++) {
            access.admit("alpha", "alpha-key");
        }
        clock.advance(Duration.ofSeconds(20));

        ApiException limited = refusal("alpha", "alpha-key");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).isBetween(39L, 41L);
        access.admit("alpha", "alpha-key-2"); // another key of the same tenant has its own budget
        access.admit("beta", "beta-key");
        clock.advance(Duration.ofSeconds(41));
        assertThat(access.admit("alpha", "alpha-key").id().value()).isEqualTo("alpha");
    }

    @Test
    void noLimitWhenTheSettingIsZero() {
        TenantAccess unlimited = new TenantAccess(tenants, 0, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(unlimited.admit("alpha", "alpha-key").id().value()).isEqualTo("alpha");
        }
    }

    private ApiException refusal(String tenant, String key) {
        return (ApiException) assertThatThrownBy(() -> access.admit(tenant, key))
                .isInstanceOf(ApiException.class)
                .actual();
    }

    private static TenantConfig tenant(String id, String... keys) {
        return new TenantConfig(
                TenantId.of(id),
                Isolation.WORKSPACE,
                new PostgresSettings("127.0.0.1", 5432, "hybridrag", "app", "pw"),
                List.of(),
                ModelSettings.offline(),
                ApiKeys.of(List.of(keys)));
    }
}
