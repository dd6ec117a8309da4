package org.sregistry.host.oci.clients;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import land.oras.ContainerRef;
import land.oras.auth.AuthProvider;
import land.oras.auth.AuthScheme;
import land.oras.auth.TokenCache;

/**
 * An oras-java login that goes through the registry's token endpoint, the way oras-go and
 * go-containerregistry (so the oras CLI and Apptainer) log in: registry requests go without
 * credentials, the Bearer challenge sends the client to its realm, and the user name and password
 * go only there, to be swapped for a token that the request is then repeated with.
 *
 * <p>oras-java 0.7.0 on its own ({@code defaults(user, pass)}) sends {@code Basic} with every
 * request; a registry that accepts Basic directly never challenges it, and its token flow goes
 * untested. Two things of 0.7.0 are worked around here:
 * <ul>
 * <li>Its {@code HttpClient} asks the one {@link AuthProvider} for the header of registry requests
 * and of the token request alike, naming only the image; this provider tells them apart by
 * whether it is called from {@code HttpClient.refreshToken}.</li>
 * <li>Its token request sends the token it has cached for the scope, when it has one, instead of
 * the login (oras-java issue #846, 0.5.2 to 0.8.0; fixed upstream by PR #847, "Do not send a
 * cached token during token refresh"): a token endpoint that wants the login refuses that, and
 * every push of more than one blob through the flow fails. So this provider empties oras-java's
 * JVM-wide token cache ({@code TokenCache.CACHE}, private) whenever it is asked about a registry
 * request: that request still uses a token cached by the one before it, the next one is
 * challenged again, and every token request carries the login, as a fixed client's does.</li>
 * </ul>
 */
public final class OrasTokenFlow implements AuthProvider {
    private static final String ORAS_HTTP_CLIENT = "land.oras.auth.HttpClient";
    private final String basic;

    public OrasTokenFlow(Credentials credentials) {
        this.basic = "Basic " + Base64.getEncoder().encodeToString(credentials.colonForm().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getAuthHeader(ContainerRef registry) {
        if (askingForAToken()) {
            return basic;
        }
        forgetCachedTokens();
        return null;
    }

    @Override
    public AuthScheme getAuthScheme() {
        return AuthScheme.BASIC;
    }

    private static boolean askingForAToken() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().equals(ORAS_HTTP_CLIENT) && f.getMethodName().equals("refreshToken")));
    }

    /** {@code TokenCache.CACHE.invalidateAll()} (a Caffeine cache), by reflection: 0.7.0 offers no way. */
    static void forgetCachedTokens() {
        try {
            Field field = TokenCache.class.getDeclaredField("CACHE");
            field.setAccessible(true);
            Object cache = field.get(null);
            field.getType().getMethod("invalidateAll").invoke(cache); // the public Cache interface
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("oras-java's token cache is not where 0.7.0 keeps it", e);
        }
    }
}
