package dev.hybridrag.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void aHostWrittenAsTheServersOwnAddressIsThatAddress() {
        assertThat(IpLiteral.same("172.18.0.5", "172.18.0.5")).isTrue();
        assertThat(IpLiteral.same("[fd00::5]", "fd00:0:0:0:0:0:0:5")).isTrue();
        assertThat(IpLiteral.same("172.18.0.5", "0:0:0:0:0:ffff:ac12:5")).isTrue();
    }

    @Test
    void anotherAddressOrANameIsNot() {
        assertThat(IpLiteral.same("172.18.0.6", "172.18.0.5")).isFalse();
        assertThat(IpLiteral.same("attacker.example", "172.18.0.5")).isFalse();
        // A name that merely looks numeric is never sent to a resolver.
        assertThat(IpLiteral.same("172.18.0.500", "172.18.0.5")).isFalse();
        assertThat(IpLiteral.same("172.18.0.5.nip.io", "172.18.0.5")).isFalse();
        assertThat(IpLiteral.same("172.18.0.5", null)).isFalse();
    }
}
