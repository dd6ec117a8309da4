package org.sregistry.globus.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Optional;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.InvalidCodeException;
import org.sregistry.globus.connection.PendingLogin;
import org.sregistry.globus.connection.PendingLoginFile;
import org.sregistry.globus.consent.ConsentScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code registry globus consent ENDPOINT_ID}: grants the registry {@code data_access} consent for a GCS v5
 * collection (what "Grant access" does on the web page). Prints the login URL, reads the code (or takes
 * {@code --code} to finish a consent an earlier run started), and stores the new Transfer token beside the login's.
 */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = "Grant the registry data_access consent for a Globus Connect Server v5 collection.")
public final class ConsentCommand extends GlobusSubcommand {
    static final String GO_TO_URL = "Please go to this URL and login: ";
    static final String ENTER_CODE = "Please enter the code you get after login here: ";

    @Parameters(index = "0", paramLabel = "ENDPOINT_ID", description = "the collection's id (a UUID)")
    String endpointId;

    @Option(names = "--code", paramLabel = "CODE",
            description = "Finish the consent whose URL an earlier run printed, with the code Globus showed.")
    String code;

    @Override
    int run() throws IOException {
        String id;
        try {
            id = EndpointIds.check(endpointId);
        } catch (InvalidInputException e) {
            err().println("ENDPOINT_ID: " + e.getMessage());
            return 2;
        }
        ConsentScope scope = ConsentScope.forCollection(id);
        PendingLoginFile file = new PendingLoginFile(services().context().dataDir()
                .resolve("pending-consent-" + id + ".json"));
        if (code != null) {
            Optional<PendingLogin> pending = file.load();
            if (pending.isEmpty() || pending.get().expired(services().context().clock().instant())) {
                err().println("No consent in progress for " + id + " (or it expired): run '"
                        + command("consent " + id) + "' to get the URL first.");
                return 1;
            }
            return complete(file, pending.get(), scope, code);
        }
        PendingLogin pending = services().login().start(scope.scopes());
        file.save(pending);
        out().println(GO_TO_URL + pending.authorizeUrl());
        out().print(ENTER_CODE);
        out().flush();
        String line = readLine();
        if (line == null || line.isBlank()) {
            out().println();
            err().println("No code entered. Once you have it, run: " + command("consent " + id + " --code CODE"));
            return 1;
        }
        return complete(file, pending, scope, line);
    }

    private int complete(PendingLoginFile file, PendingLogin pending, ConsentScope scope, String entered) {
        try {
            services().login().completeConsent(pending, entered, scope.key());
        } catch (InvalidCodeException e) {
            err().println(e.getMessage() + " Nothing was changed.");
            return 1;
        } catch (GlobusApiException e) {
            if (e.networkError()) {
                throw e;
            }
            err().println("Globus did not accept the code (" + e.code() + "). Nothing was changed; run '"
                    + command("consent " + scope.collectionId()) + "' again for a new URL.");
            return 1;
        }
        file.delete();
        out().println("Consent stored: the registry may now use collection " + scope.collectionId() + ".");
        return 0;
    }

    private static String readLine() throws IOException {
        // Not closed: System.in belongs to the process.
        return new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
    }
}
