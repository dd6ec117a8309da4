package org.sregistry.host.cli;

import java.util.Optional;
import org.sregistry.api.Access;

/**
 * {@link Access} in the CLI: whoever runs a command on the data dir operates the registry, so the caller is that
 * operating-system user ({@code cli:<os user>}), an administrator who may pull, push and manage
 * everything. No accounts are
 * looked up: {@link #user} answers the name as given, with the same rights.
 */
final class CliAccess implements Access {
    private final Caller operator = new Caller(CliAccess.actor(), "command line", true);

    /** {@code cli:<os user>}, the CLI's audit actor. */
    public static String actor() {
        return "cli:" + System.getProperty("user.name", "?");
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.of(operator);
    }

    @Override
    public Optional<Caller> user(String username) {
        return username == null || username.isBlank() ? Optional.empty()
                : Optional.of(new Caller(username, username, true));
    }

    @Override
    public boolean mayPull(Caller caller, String imageUri) {
        return caller != null;
    }

    @Override
    public boolean mayPush(Caller caller, String collection) {
        return caller != null;
    }

    @Override
    public boolean mayManage(Caller caller, String collection) {
        return caller != null;
    }
}
