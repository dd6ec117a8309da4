package org.sregistry.globus.browse;

import java.util.Locale;
import java.util.regex.Pattern;

/** Globus endpoint (collection) ids are UUIDs; anything else is refused before a request reaches Globus. */
public final class EndpointIds {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EndpointIds() {
    }

    /** The id in lower case. */
    public static String check(String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new InvalidInputException("endpoint id must be a UUID like 3a42f43c-1744-40dc-9b16-753d8e1589fa");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    /** True when {@code id} is a UUID. */
    public static boolean valid(String id) {
        return id != null && UUID.matcher(id).matches();
    }
}
