package org.sregistry.host.users;

import java.util.List;
import org.sregistry.host.auth.ApiTokens;

/**
 * What the profile page shows.
 *
 * @param newToken a token just created (shown once), or null
 * @param notice   a status line, or null
 * @param error    an error line, or null
 */
public record ProfileModel(User user, List<ApiTokens.TokenInfo> tokens, List<CollectionLine> collections,
                           String newToken, String notice, String error, String csrfToken) {

    /** A collection the user may use, and how. */
    public record CollectionLine(String name, String permission, String visibility) {
    }
}
