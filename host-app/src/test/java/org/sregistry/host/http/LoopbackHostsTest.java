package org.sregistry.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Loopback by text alone, as strict as the mail and OpenID Connect checks it serves. */
class LoopbackHostsTest {

    @Test
    void localhostTheLoopbackBlockAndIpv6LoopbackAre() {
        assertThat(LoopbackHosts.isLoopback("localhost")).isTrue();
        assertThat(LoopbackHosts.isLoopback("LocalHost")).isTrue();
        assertThat(LoopbackHosts.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackHosts.isLoopback("127.255.10.2")).isTrue();
        assertThat(LoopbackHosts.isLoopback("::1")).isTrue();
        assertThat(LoopbackHosts.isLoopback("[::1]")).isTrue();
    }

    @Test
    void namesThatOnlyLookLikeLoopbackAreNot() {
        assertThat(LoopbackHosts.isLoopback("127.evil.example")).as("a name, not a literal").isFalse();
        assertThat(LoopbackHosts.isLoopback("127.0.0.1.evil.example")).isFalse();
        assertThat(LoopbackHosts.isLoopback("127.0.0.256")).isFalse();
        assertThat(LoopbackHosts.isLoopback("127.1")).isFalse();
        assertThat(LoopbackHosts.isLoopback("localhost.evil.example")).isFalse();
        assertThat(LoopbackHosts.isLoopback("[localhost]")).isFalse();
        assertThat(LoopbackHosts.isLoopback("128.0.0.1")).isFalse();
        assertThat(LoopbackHosts.isLoopback("::ffff:127.0.0.1")).isFalse();
        assertThat(LoopbackHosts.isLoopback("smtp.example.org")).isFalse();
        assertThat(LoopbackHosts.isLoopback("")).isFalse();
        assertThat(LoopbackHosts.isLoopback(null)).isFalse();
    }
}
