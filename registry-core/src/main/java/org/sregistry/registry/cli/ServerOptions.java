package org.sregistry.registry.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the registry is and who we are; shared by every images subcommand. */
public final class ServerOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:REGISTRY_URL:-http://127.0.0.1:8080/}",
            description = "Registry URL (env REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:REGISTRY_TOKEN}",
            description = "API token, sent as Bearer (env REGISTRY_TOKEN).")
    String token;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:REGISTRY_USER}",
            description = "User for HTTP Basic (env REGISTRY_USER).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:REGISTRY_PASSWORD}",
            description = "Password for HTTP Basic (env REGISTRY_PASSWORD).")
    String password;

    /** A client for these options. */
    RegistryClient client() {
        return new RegistryClient(url, RegistryClient.authorization(token, user, password));
    }
}
