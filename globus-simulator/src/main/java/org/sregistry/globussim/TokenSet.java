package org.sregistry.globussim;

/** One resource server's tokens as handed out by the control API. */
public record TokenSet(String resourceServer, String accessToken, String refreshToken, String scope, long expiresIn) {}
