package org.sregistry.globus.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.sregistry.globus.connection.ConnectionStatus;

/**
 * What the {@code /globus} page shows: the connection, the endpoint list (with search) and the registry's own
 * endpoint.
 *
 * @param csrfField        the host's hidden CSRF field for forms
 * @param status           the checked connection
 * @param authorizeUrl     where "Connect Globus" leads, or null when a web login cannot be offered
 * @param connectProblem   why no web login is offered (missing client id), or null
 * @param updateCommand    the exact CLI command that logs in
 * @param registryEndpoint the registry's own endpoint and staging facts
 * @param message          a notice (after an action), or null
 * @param error            an error to show, or null
 * @param endpoints        the endpoint list (shown while connected)
 * @param ownConnection    true when the connection shown is the viewer's own (per-user connections), false when it
 *                         is the registry's service connection
 * @param service          the service connection, for administrators when the first part shows their own; or null
 * @param fromSignIn       true when the viewer's own connection was made from their Globus sign-in to the registry
 */
public record GlobusPageModel(String csrfField, ConnectionStatus status, String authorizeUrl, String connectProblem,
                              String updateCommand, RegistryEndpointModel registryEndpoint, String message,
                              String error, EndpointsModel endpoints, boolean ownConnection, ServiceModel service,
                              boolean fromSignIn) {

    /** The service connection's state, shown to administrators beside their own. */
    public record ServiceModel(ConnectionStatus status) {
        /** The identity's name, or "an unknown identity". */
        public String identity() {
            return nameOf(status);
        }
    }

    /** The service connection only (a single-user setup). */
    public GlobusPageModel(String csrfField, ConnectionStatus status, String authorizeUrl, String connectProblem,
                           String updateCommand, RegistryEndpointModel registryEndpoint, String message,
                           String error, EndpointsModel endpoints) {
        this(csrfField, status, authorizeUrl, connectProblem, updateCommand, registryEndpoint, message, error,
                endpoints, false, null, false);
    }

    /** Without an endpoint list. */
    public GlobusPageModel(String csrfField, ConnectionStatus status, String authorizeUrl, String connectProblem,
                           String updateCommand, RegistryEndpointModel registryEndpoint, String message,
                           String error) {
        this(csrfField, status, authorizeUrl, connectProblem, updateCommand, registryEndpoint, message, error,
                EndpointsModel.none());
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The status's state name, for templates. */
    public String state() {
        return status.state().name();
    }

    /** True when tokens are stored and not refused (connected, or not confirmed just now). */
    public boolean hasUsableTokens() {
        return status.usable();
    }

    /** The access token's expiry, formatted, or "unknown". */
    public String expiry() {
        Instant at = status.expiresAt();
        return at == null ? "unknown" : TIME.format(at);
    }

    /** The identity's name, or "an unknown identity". */
    public String identity() {
        return nameOf(status);
    }

    private static String nameOf(ConnectionStatus status) {
        return status.identityName() == null ? "an unknown identity" : status.identityName();
    }

    /**
     * The registry's endpoint part of the page.
     *
     * @param endpointId     {@code PLUGIN_GLOBUS_ENDPOINT}, or null when missing
     * @param createCommand  the CLI command that creates one
     * @param robotName      {@code ROBOTNAME}
     * @param stagingDir     the local staging folder
     * @param stagingPath    the staging folder as the endpoint sees it
     */
    public record RegistryEndpointModel(String endpointId, String createCommand, String robotName,
                                        String stagingDir, String stagingPath) {
    }
}
