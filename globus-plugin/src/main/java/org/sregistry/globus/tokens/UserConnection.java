package org.sregistry.globus.tokens;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.sregistry.globus.client.UserInfo;

/**
 * A user's own Globus connection as the plugin store keeps it (kind {@code globus-conn}, key = registry username).
 * The tokens are one sealed value ({@link org.sregistry.api.Secrets}, bound to the user), so the database never
 * holds token text and a value copied into another user's record does not open; who is connected and whether it
 * works stay readable for the admin's list.
 * <pre>{"version":1,"user":"alice","origin":"connect","identity":{"sub":"658064e9-…","preferred_username":"alice@uni.edu"},
 *  "auth_root":"https://auth.globus.org/","transfer_root":"https://transfer.api.globus.org/","sealed":"s1.k1.…",
 *  "state":"connected","created_at":"…","updated_at":"…"}</pre>
 *
 * @param origin  {@code connect} (the plugin's login) or {@code sign_in} (tokens from the user's Globus sign-in)
 * @param state   {@code connected} or {@code needs_update} (Globus refused the stored login, or it cannot be opened)
 * @param problem why it needs an update, in words for the user; null when connected
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserConnection(int version, String user, String origin, UserInfo identity, String authRoot,
                             String transferRoot, String sealed, String state, String problem, Instant createdAt,
                             Instant updatedAt) {

    /** Record format version. */
    public static final int VERSION = 1;
    /** The connection works as far as the registry knows. */
    public static final String CONNECTED = "connected";
    /** Globus refused the stored login (or it cannot be opened): the user must connect again. */
    public static final String NEEDS_UPDATE = "needs_update";
    /** Made by the plugin's own login (Connect on {@code /globus}). */
    public static final String ORIGIN_CONNECT = "connect";
    /**
     * Made from the tokens the user's Globus sign-in to the registry received: issued to the host's sign-in client,
     * so only the host can refresh and revoke them.
     */
    public static final String ORIGIN_SIGN_IN = "sign_in";

    /** True when the user must connect again before the registry can act for them. */
    public boolean needsUpdate() {
        return NEEDS_UPDATE.equals(state);
    }

    /** True when the tokens came from the user's sign-in (see {@link #ORIGIN_SIGN_IN}). */
    public boolean fromSignIn() {
        return ORIGIN_SIGN_IN.equals(origin);
    }

    /** The Globus identity id, or null when unknown. */
    public String identityId() {
        return identity == null ? null : identity.sub();
    }

    UserConnection withState(String newState, String newProblem, Instant at) {
        return new UserConnection(VERSION, user, origin, identity, authRoot, transferRoot, sealed, newState,
                newProblem, createdAt, at);
    }

    @Override
    public String toString() {
        return "UserConnection[" + user + ", " + state + "]"; // never the sealed text
    }
}
