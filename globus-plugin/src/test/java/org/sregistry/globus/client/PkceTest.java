package org.sregistry.globus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkceTest {

    @Test
    void challengeIsBase64UrlSha256OfVerifier() {
        Pkce pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mJ92IhkP3B8bd-hwkX3x0yx1EGOv4o");
        // expected value computed independently: base64.urlsafe_b64encode(sha256(v)).rstrip("=") in Python
        assertThat(pkce.challenge()).isEqualTo("69BQOUhc7GzNwQEy__B0vz9kg53yG1ZdmK49x28kSyo");
    }

    @Test
    void generatedVerifierIsUnpaddedBase64UrlOf32Bytes() {
        Pkce a = Pkce.generate();
        Pkce b = Pkce.generate();
        assertThat(a.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(a.challenge()).doesNotContain("=").isEqualTo(Pkce.challengeOf(a.verifier()));
        assertThat(a.verifier()).isNotEqualTo(b.verifier());
        assertThat(a.toString()).doesNotContain(a.verifier());
    }

    @Test
    void rejectsShortOrIllegalVerifiers() {
        assertThatThrownBy(() -> Pkce.fromVerifier("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkce.fromVerifier("a".repeat(42) + "!")).isInstanceOf(IllegalArgumentException.class);
    }
}
