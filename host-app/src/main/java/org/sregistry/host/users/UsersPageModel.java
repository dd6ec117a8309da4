package org.sregistry.host.users;

import java.util.List;

/** What the users page shows. */
public record UsersPageModel(List<User> users, String me, String notice, String error, String csrfToken) {
}
