package org.sregistry.globus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature header against a vector computed elsewhere (Python's {@code hmac}, see the README's verifier). */
class WebhookSignerTest {
    private static final byte[] BODY = "{\"event\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKnownVector() {
        // python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test_secret",
        //     b"1700000000.{\"event\":\"succeeded\"}", hashlib.sha256).hexdigest())'
        assertThat(WebhookSigner.signature("whsec_test_secret", 1_700_000_000L, BODY)).isEqualTo(
                "t=1700000000,v1=8689970f2eb9f1793ce6bdb08b9abc351d4ceb698cb86fc927b483eccad94aa3");
    }

    @Test
    void theTimeAndEveryByteOfTheBodyAreSigned() {
        String signed = WebhookSigner.hmacHex("whsec_test_secret", 1_700_000_000L, BODY);
        assertThat(WebhookSigner.hmacHex("whsec_test_secret", 1_700_000_001L, BODY)).isNotEqualTo(signed);
        assertThat(WebhookSigner.hmacHex("whsec_test_secret", 1_700_000_000L,
                "{\"event\":\"failed\"}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(signed);
        assertThat(WebhookSigner.hmacHex("whsec_other", 1_700_000_000L, BODY)).isNotEqualTo(signed);
    }
}
