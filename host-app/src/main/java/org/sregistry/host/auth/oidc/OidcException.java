package org.sregistry.host.auth.oidc;

/**
 * Why an OIDC sign-in failed or is unavailable. {@link #getMessage()} is the user-facing text (plain text: escape it
 * for HTML); {@link #logDetail()} is for the log. Neither ever holds a token, code or secret.
 */
public final class OidcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String logDetail;

    /**
     * @param userMessage what the user is told, e.g. "the id_token has expired"
     * @param logDetail   what an administrator needs to see in the log (library message, status code)
     */
    public OidcException(String userMessage, String logDetail) {
        super(userMessage);
        this.logDetail = logDetail == null ? userMessage : logDetail;
    }

    /** The detail for the log. */
    public String logDetail() {
        return logDetail;
    }
}
