package org.sregistry.host.oci.clients;

import java.util.Objects;

/** A registry login for the clients: skopeo's {@code --creds user:pass}, oras-java's {@code defaults(user, pass)}. */
public record Credentials(String username, String password) {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.contains(":")) {
            throw new IllegalArgumentException("a user name with ':' cannot be passed as --creds user:pass");
        }
    }

    /** {@code user:pass}, the form skopeo's and podman's {@code --creds} take. */
    public String colonForm() {
        return username + ":" + password;
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", ***]";
    }
}
