package org.sregistry.registry.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the registry is and who we are; shared by every images subcommand. */
public final class ServerOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:REGISTRY_URL:-http://127.0.0.1:8080/}",
            converter = HttpUrl.class, description = "Registry URL (env REGISTRY_URL; default: ${DEFAULT-VALUE}).")
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

    /** Only http(s)://HOST[:PORT][/]: anything else is a usage error (exit 2) before a request is made. */
    static final class HttpUrl implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // said below
            }
            throw new CommandLine.TypeConversionException(
                    "expected the registry's address like http://HOST:PORT/ or https://HOST/, got '" + value + "'");
        }
    }

    /** A client for these options. */
    RegistryClient client() {
        return new RegistryClient(url, RegistryClient.authorization(token, user, password));
    }
}
