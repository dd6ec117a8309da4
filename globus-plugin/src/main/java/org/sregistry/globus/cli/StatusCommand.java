package org.sregistry.globus.cli;

import java.util.Optional;
import org.sregistry.globus.client.Endpoint;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.ConnectionStatus;
import org.sregistry.globus.endpoints.EndpointHealth;
import picocli.CommandLine.Command;

/**
 * {@code registry globus status}: identity, token expiry, whether a refresh token is stored, the registry's
 * endpoint and whether Globus can reach it, robot name and settings. Exit code 0 when connected, 1 otherwise.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the Globus connection, the registry's endpoint and the robot name.")
public final class StatusCommand extends GlobusSubcommand {

    @Override
    int run() {
        GlobusSettings settings = services().settings();
        ConnectionStatus status = services().status();
        switch (status.state()) {
            case NO_TOKENS -> out().println("Globus: not connected (no tokens stored). Log in with: "
                    + command("update-tokens"));
            case NEEDS_UPDATE -> out().println("Globus: credentials need to be updated. " + status.problem()
                    + " Run: " + command("update-tokens"));
            case UNVERIFIED -> out().println("Globus: tokens stored but not confirmed. " + status.problem());
            case CONNECTED -> out().println("Globus: connected as " + Optional.ofNullable(status.identityName())
                    .orElse("an unknown identity"));
        }
        if (status.state() != ConnectionStatus.State.NO_TOKENS) {
            out().println("Access token expires: " + (status.expiresAt() == null ? "unknown" : status.expiresAt()));
            out().println("Refresh token: " + (status.refreshAvailable()
                    ? "available (the access token renews itself)" : "none (log in again when it expires)"));
        }
        out().println("Registry endpoint (" + GlobusKeys.ENDPOINT + "): " + endpointLine(settings, status));
        out().println("Robot name (" + GlobusKeys.ROBOT_NAME + "): " + settings.robotName().orElse("not generated yet"
                + " (the server makes it at its first start with the plugin enabled; create-endpoint makes it too)"));
        out().println("Staging folder: " + settings.stagingDir() + " (endpoint path " + settings.stagingPath() + ")");
        out().println("Globus Auth: " + settings.authRoot() + ", Transfer: " + settings.transferRoot()
                + ", client id: " + settings.clientId().orElse("not set (" + GlobusKeys.CLIENT_ID + ")"));
        out().println("Token file: " + services().tokenStore().file());
        return status.connected() ? 0 : 1;
    }

    private String endpointLine(GlobusSettings settings, ConnectionStatus status) {
        Optional<String> id = settings.endpointId();
        if (id.isEmpty()) {
            return "not set. Create one with '" + command("create-endpoint") + "' or set it on /settings.";
        }
        if (!status.connected()) {
            return id.get() + " (not checked: not connected)";
        }
        try {
            Endpoint endpoint = services().clients().quickTransfer().getEndpoint(id.get());
            EndpointHealth health = EndpointHealth.of(endpoint);
            return id.get() + " \"" + oneLine(endpoint.name()) + "\": " + health.description();
        } catch (GlobusApiException e) {
            return id.get() + ": not reachable (" + (e.notFound() ? "Globus knows no such endpoint" : e.getMessage())
                    + ")";
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
    }
}
