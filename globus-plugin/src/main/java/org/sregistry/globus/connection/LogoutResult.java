package org.sregistry.globus.connection;

import java.util.List;

/**
 * What a logout did.
 *
 * @param hadTokens whether any tokens were stored
 * @param revoked   how many tokens Globus revoked
 * @param failures  revocations that failed (the tokens were deleted here anyway), in plain words
 */
public record LogoutResult(boolean hadTokens, int revoked, List<String> failures) {

    public LogoutResult {
        failures = List.copyOf(failures);
    }
}
