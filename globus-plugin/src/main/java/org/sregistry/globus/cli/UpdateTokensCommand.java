package org.sregistry.globus.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Optional;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.ConnectionStatus;
import org.sregistry.globus.connection.InvalidCodeException;
import org.sregistry.globus.connection.LoginResult;
import org.sregistry.globus.connection.PendingLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code registry globus update-tokens}: keeps the registry logged in to Globus. When the stored tokens work (or
 * renew themselves) it says so; otherwise it prints the login URL, reads the code, stores the new tokens and
 * lists the admin's endpoints. The PKCE verifier of a started login is kept in a 0600 file, so the code can also
 * be handed over later with {@code --code}.
 */
@Command(name = "update-tokens", mixinStandardHelpOptions = true,
        description = "Log the registry in to Globus (or check that its tokens still work).")
public final class UpdateTokensCommand extends GlobusSubcommand {
    static final String UP_TO_DATE = "Your tokens are up to date.";
    static final String GO_TO_URL = "Please go to this URL and login: ";
    static final String ENTER_CODE = "Please enter the code you get after login here: ";
    static final String UPDATED = "Tokens updated!";

    @Option(names = "--code", paramLabel = "CODE",
            description = "Finish the login whose URL an earlier run printed, with the code Globus showed.")
    String code;

    @Option(names = "--force", description = "Log in again even if the stored tokens still work.")
    boolean force;

    @Override
    int run() throws IOException {
        if (code != null) {
            return finishStartedLogin();
        }
        if (!force) {
            ConnectionStatus status = services().status();
            switch (status.state()) {
                case CONNECTED -> {
                    out().println(UP_TO_DATE);
                    return 0;
                }
                case UNVERIFIED -> {
                    err().println("Cannot check the stored Globus tokens: " + status.problem());
                    err().println("Try again when Globus is reachable, or log in anyway with --force.");
                    return 1;
                }
                case NEEDS_UPDATE -> out().println("Your Globus credentials need to be updated: " + status.problem());
                case NO_TOKENS -> { }
            }
        }
        PendingLogin pending = services().login().start();
        services().pendingLoginFile().save(pending);
        out().println(GO_TO_URL + pending.authorizeUrl());
        out().print(ENTER_CODE);
        out().flush();
        String line = readLine();
        if (line == null || line.isBlank()) {
            out().println();
            err().println("No code entered. Once you have it, run: " + command("update-tokens --code CODE"));
            return 1;
        }
        return complete(pending, line);
    }

    private int finishStartedLogin() {
        Optional<PendingLogin> pending = services().pendingLoginFile().load();
        if (pending.isEmpty()) {
            err().println("No Globus login in progress: run '" + command("update-tokens")
                    + "' to get the login URL first.");
            return 1;
        }
        if (pending.get().expired(services().context().clock().instant())) {
            err().println("The login started at " + pending.get().createdAt() + " has expired: run '"
                    + command("update-tokens") + "' again.");
            return 1;
        }
        return complete(pending.get(), code);
    }

    private int complete(PendingLogin pending, String enteredCode) {
        LoginResult result;
        try {
            result = services().login().complete(pending, enteredCode);
        } catch (InvalidCodeException e) {
            err().println(e.getMessage() + " Nothing was changed.");
            return 1;
        } catch (GlobusApiException e) {
            if (e.networkError()) {
                throw e;
            }
            err().println("Globus did not accept the code (" + e.code() + (e.globusMessage() == null ? ""
                    : ": " + e.globusMessage()) + "). Nothing was changed: the stored tokens are as before.");
            err().println("Codes work once and only with the URL of the same run; to start over, run '"
                    + command("update-tokens --force") + "'.");
            return 1;
        }
        services().pendingLoginFile().delete();
        out().println("Logged in to Globus as " + result.identityName() + ".");
        printEndpoints();
        out().println(UPDATED);
        return 0;
    }

    private void printEndpoints() {
        try {
            out().println("Your Globus endpoints:");
            if (EndpointsTable.print(services().transfer(), out()) == 0) {
                out().println("(none yet: create the registry's own with '" + command("create-endpoint") + "')");
            }
        } catch (GlobusApiException e) {
            // The login is stored; the list is a courtesy.
            out().println("(could not list endpoints: " + e.getMessage() + ")");
        }
    }

    private static String readLine() throws IOException {
        // Not closed: System.in belongs to the process.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        return in.readLine();
    }
}
