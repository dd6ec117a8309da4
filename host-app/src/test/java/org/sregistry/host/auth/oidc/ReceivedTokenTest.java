package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tokens of a token response are kept, on Globus's shape (fact sheet section 2) and on a plain provider's. */
class ReceivedTokenTest {
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    static List<ReceivedToken> from(String json) throws Exception {
        return ReceivedToken.from(AccessTokenResponse.parse(JSONObjectUtils.parse(json)), NOW);
    }

    @Test
    void globusOtherTokensAreKeptAndAuthsOwnIsNot() throws Exception {
        List<ReceivedToken> kept = from("""
                {"access_token":"AT-auth","scope":"openid profile email","expires_in":172800,"token_type":"Bearer",
                 "resource_server":"auth.globus.org","refresh_token":"RT-auth","id_token":"x.y.z",
                 "other_tokens":[
                   {"access_token":"AT-transfer","scope":"urn:globus:auth:scope:transfer.api.globus.org:all",
                    "expires_in":172800,"token_type":"Bearer","resource_server":"transfer.api.globus.org",
                    "refresh_token":"RT-transfer"},
                   {"access_token":"AT-again","expires_in":1,"token_type":"Bearer",
                    "resource_server":"transfer.api.globus.org"},
                   {"access_token":"AT-norefresh","token_type":"Bearer","resource_server":"groups.api.globus.org"},
                   {"access_token":"AT-auth2","token_type":"Bearer","resource_server":"auth.globus.org"},
                   {"token_type":"Bearer","resource_server":"broken.example.org"},
                   {"access_token":"AT-nobody","token_type":"Bearer"},
                   "not an object"]}""");
        assertThat(kept).extracting(ReceivedToken::resourceServer)
                .containsExactly("transfer.api.globus.org", "groups.api.globus.org");
        ReceivedToken transfer = kept.get(0);
        assertThat(transfer.accessToken()).isEqualTo("AT-transfer");
        assertThat(transfer.refreshToken()).isEqualTo("RT-transfer");
        assertThat(transfer.expiresAt()).isEqualTo(NOW.plusSeconds(172800));
        assertThat(transfer.scopes()).containsExactly("urn:globus:auth:scope:transfer.api.globus.org:all");
        assertThat(transfer.toString()).doesNotContain("AT-transfer", "RT-transfer");
        ReceivedToken groups = kept.get(1);
        assertThat(groups.refreshToken()).isNull();
        assertThat(groups.expiresAt()).isNull();
        assertThat(groups.scopes()).isEmpty();
    }

    @Test
    void aTopLevelTokenOfAnotherResourceServerIsKept() throws Exception {
        assertThat(from("""
                {"access_token":"AT","token_type":"Bearer","expires_in":60,"resource_server":"transfer.api.globus.org",
                 "other_tokens":[]}""")).extracting(ReceivedToken::accessToken).containsExactly("AT");
    }

    @Test
    void aProviderThatNamesNoResourceServerGivesNone() throws Exception {
        assertThat(from("""
                {"access_token":"AT","token_type":"Bearer","expires_in":300,"refresh_token":"RT","scope":"openid"}"""))
                .isEmpty();
    }
}
