package org.sregistry.host.auth.oidc;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.util.List;

/**
 * What every call of the sign-in client to the provider shares: the client authentication, the timeouts and how a
 * provider's error is shown. Used by discovery ({@link OidcProvider#fetch}), the sign-in ({@link OidcFlow}) and by
 * refresh and revocation ({@link OidcTokenClient}), so that they authenticate and time out alike (the JWKS fetch has
 * the same timeouts through its own retriever).
 */
final class ClientCalls {
    private ClientCalls() {
    }

    /** client_secret_basic unless the provider lists only client_secret_post (Globus: basic only). */
    static ClientAuthentication authentication(OIDCProviderMetadata meta, OidcSettings s) {
        List<ClientAuthenticationMethod> methods = meta.getTokenEndpointAuthMethods();
        ClientID id = new ClientID(s.clientId());
        Secret secret = new Secret(s.clientSecret());
        if (methods != null && !methods.isEmpty() && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(id, secret);
        }
        return new ClientSecretBasic(id, secret);
    }

    /** Sends with the connect and read timeout of every call to the provider. */
    static HTTPResponse send(HTTPRequest http) throws IOException {
        http.setConnectTimeout(OidcProvider.TIMEOUT_MS);
        http.setReadTimeout(OidcProvider.TIMEOUT_MS);
        return http.send();
    }

    /** The provider's description (or code), as plain text of bounded length: it is shown to the user. */
    static String describe(ErrorObject e) {
        String text = e.getDescription() != null && !e.getDescription().isBlank() ? e.getDescription()
                : e.getCode() == null ? "no reason given" : e.getCode();
        text = text.replaceAll("\\p{Cntrl}", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
