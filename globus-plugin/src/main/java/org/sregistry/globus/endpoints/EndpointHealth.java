package org.sregistry.globus.endpoints;

import org.sregistry.globus.client.Endpoint;

/**
 * What an endpoint document says about whether transfers can use it: not functional, a Globus Connect Personal
 * endpoint that is disconnected or paused, a legacy endpoint needing activation, or active. Shared by the CLI
 * status and the endpoint pages.
 *
 * @param badge       a short CSS-friendly word: {@code active}, {@code inactive}, {@code paused}, {@code error}
 * @param description plain words, starting with the badge word when active (one word for one state everywhere)
 * @param usable      whether a transfer can be expected to run
 */
public record EndpointHealth(String badge, String description, boolean usable) {

    /** Reads the health from an endpoint document. */
    public static EndpointHealth of(Endpoint e) {
        if (Boolean.TRUE.equals(e.nonFunctional())) {
            return new EndpointHealth("error", "not functional (no data access on this entity)", false);
        }
        boolean gcp = Boolean.TRUE.equals(e.isGlobusConnect())
                || (e.entityType() != null && e.entityType().startsWith("GCP_"));
        if (gcp) {
            if (Boolean.TRUE.equals(e.gcpPaused())) {
                return new EndpointHealth("paused", "Globus Connect Personal is paused", false);
            }
            if (Boolean.FALSE.equals(e.gcpConnected()) || e.gcpConnected() == null) {
                return new EndpointHealth("inactive", "Globus Connect Personal is not connected (start it with "
                        + "the setup key)", false);
            }
            return new EndpointHealth("active", "active (Globus Connect Personal connected)", true);
        }
        if (Boolean.FALSE.equals(e.activated()) && e.entityType() != null && e.entityType().startsWith("GCSv4")) {
            return new EndpointHealth("inactive", "needs activation (legacy GCSv4 endpoint)", false);
        }
        return new EndpointHealth("active", "active", true);
    }
}
