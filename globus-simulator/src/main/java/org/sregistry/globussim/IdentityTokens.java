package org.sregistry.globussim;

import java.util.Map;

/**
 * An identity with fresh tokens. {@code accessToken}/{@code refreshToken} are for {@code transfer.api.globus.org};
 * {@code tokens} holds every resource server's tokens by resource server name.
 */
public record IdentityTokens(String id, String username, String accessToken, String refreshToken,
                             Map<String, TokenSet> tokens) {

    public TokenSet transfer() { return tokens.get("transfer.api.globus.org"); }

    public TokenSet auth() { return tokens.get("auth.globus.org"); }
}
