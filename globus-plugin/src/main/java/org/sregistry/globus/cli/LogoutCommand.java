package org.sregistry.globus.cli;

import org.sregistry.globus.connection.LogoutResult;
import picocli.CommandLine.Command;

/**
 * {@code registry globus logout}: revokes the stored tokens at Globus and deletes them. The token file is deleted
 * even when a revocation fails; the exit code is then 1 and the failure is printed.
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Revoke the registry's Globus tokens and delete them.")
public final class LogoutCommand extends GlobusSubcommand {

    @Override
    int run() {
        LogoutResult result = services().logout();
        if (!result.hadTokens()) {
            out().println("No Globus tokens were stored.");
            return 0;
        }
        out().println("Revoked " + result.revoked() + " token(s) at Globus and deleted the token file.");
        for (String failure : result.failures()) {
            err().println("Warning: " + failure);
        }
        return result.failures().isEmpty() ? 0 : 1;
    }
}
