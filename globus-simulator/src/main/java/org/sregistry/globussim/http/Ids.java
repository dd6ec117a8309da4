package org.sregistry.globussim.http;

import java.security.SecureRandom;
import java.util.UUID;

/** Random identifiers in the shapes Globus uses. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    public static String uuid() { return UUID.randomUUID().toString(); }

    /** Transfer request ids look like {@code ShbIUzrWT}: nine letters and digits. */
    public static String requestId() { return alnum(9); }

    /** Opaque token strings; real Globus tokens start with {@code Ag}. */
    public static String token() { return "Ag" + alnum(44); }

    public static String alnum(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        return sb.toString();
    }

    public static boolean isUuid(String s) {
        if (s == null || s.length() != 36) return false;
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
