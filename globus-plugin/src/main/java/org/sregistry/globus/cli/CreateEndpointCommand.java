package org.sregistry.globus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sregistry.globus.client.CreatedEndpoint;
import org.sregistry.globus.config.GlobusKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code registry globus create-endpoint [--name NAME]}: creates a Globus Connect Personal endpoint for the
 * registry through the Transfer API, stores its id as {@code PLUGIN_GLOBUS_ENDPOINT}, and prints the one-time
 * setup key with the commands that run Globus Connect Personal on the staging folder (what the original's
 * {@code globus-create.sh} did).
 */
@Command(name = "create-endpoint", mixinStandardHelpOptions = true,
        description = "Create the registry's Globus Connect Personal endpoint and store its id.")
public final class CreateEndpointCommand extends GlobusSubcommand {

    @Option(names = "--name", paramLabel = "NAME",
            description = "Display name of the endpoint (default: sregistry-<ROBOTNAME>).")
    String name;

    @Option(names = "--replace",
            description = "Create a new endpoint even though " + GlobusKeys.ENDPOINT + " is already set.")
    boolean replace;

    @Override
    int run() throws IOException {
        Optional<String> existing = services().settings().endpointId();
        if (existing.isPresent() && !replace) {
            err().println(GlobusKeys.ENDPOINT + " is already set (" + existing.get() + "). Use --replace to create "
                    + "a new endpoint and store its id instead.");
            return 1;
        }
        String displayName = name != null && !name.isBlank() ? name.trim()
                : "sregistry-" + services().settings().robotName().orElseGet(this::newRobotName);
        CreatedEndpoint created = services().transfer().createGlobusConnectPersonal(displayName,
                "Staging endpoint of the container registry " + displayName);
        out().println("Created Globus Connect Personal endpoint " + displayName + " (" + created.id() + ").");
        store(created.id());

        Path staging = services().settings().stagingDir();
        Files.createDirectories(staging);
        out().println();
        out().println("Setup key (use it once, keep it private): " + created.globusConnectSetupKey());
        out().println("On the machine that holds the staging folder, run Globus Connect Personal with it:");
        out().println("  globusconnectpersonal -setup " + created.globusConnectSetupKey());
        out().println("  globusconnectpersonal -start -restrict-paths rw" + staging);
        out().println("Staging folder: " + staging + " (the endpoint sees it as "
                + services().settings().stagingPath() + "; set " + GlobusKeys.STAGING_PATH + " if that differs).");
        return 0;
    }

    /**
     * The robot name the server would generate at its first start with the plugin enabled: made now, since this
     * command names the endpoint after it, and saved with the endpoint id (this command stores configuration).
     */
    private String newRobotName() {
        String robot = new org.sregistry.globus.config.RobotNamer().generate();
        try {
            services().context().config().set(GlobusKeys.ROBOT_NAME, robot);
        } catch (IllegalStateException | IllegalArgumentException e) {
            out().println("Could not save " + GlobusKeys.ROBOT_NAME + " (" + e.getMessage() + ").");
        }
        return robot;
    }

    private void store(String id) {
        try {
            services().context().config().set(GlobusKeys.ENDPOINT, id);
            out().println("Saved its id as " + GlobusKeys.ENDPOINT + " in the registry's config file.");
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Fixed by the environment or a flag: the admin has to change it there.
            out().println("Could not save " + GlobusKeys.ENDPOINT + " (" + e.getMessage() + "). Set it to "
                    + id + " yourself.");
        }
    }
}
