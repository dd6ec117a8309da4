package org.sregistry.globus.client;

import java.util.ArrayList;
import java.util.List;

/** Scope strings and resource-server names, and the data_access dependency syntax for GCSv5 collections. */
public final class GlobusScopes {

    /** Resource server of Globus Transfer tokens. */
    public static final String TRANSFER_RESOURCE_SERVER = "transfer.api.globus.org";
    /** Resource server of Globus Auth tokens (userinfo, openid/profile/email). */
    public static final String AUTH_RESOURCE_SERVER = "auth.globus.org";

    public static final String TRANSFER_ALL = "urn:globus:auth:scope:transfer.api.globus.org:all";
    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";

    /** What the registry asks for at login. */
    public static final List<String> DEFAULT_LOGIN = List.of(OPENID, PROFILE, EMAIL, TRANSFER_ALL);

    private GlobusScopes() {
    }

    /** {@code https://auth.globus.org/scopes/<COLLECTION_ID>/data_access}. */
    public static String dataAccess(String collectionId) {
        return "https://auth.globus.org/scopes/" + collectionId + "/data_access";
    }

    /** The transfer scope with optional data_access dependencies: {@code transfer:all[*a *b]}. */
    public static String transferWithDataAccess(List<String> collectionIds) {
        if (collectionIds.isEmpty()) {
            return TRANSFER_ALL;
        }
        StringBuilder sb = new StringBuilder(TRANSFER_ALL).append('[');
        for (int i = 0; i < collectionIds.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append('*').append(dataAccess(collectionIds.get(i)));
        }
        return sb.append(']').toString();
    }

    /** Splits a space-separated scope string, keeping {@code [...]} dependency groups (which contain spaces) whole. */
    public static List<String> split(String scopeString) {
        List<String> out = new ArrayList<>();
        if (scopeString == null) {
            return out;
        }
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : scopeString.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            }
            if (Character.isWhitespace(c) && depth == 0) {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }
}
