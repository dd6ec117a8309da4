package org.sregistry.host.web.pages;

/**
 * The login form: where to go next, an error, and whether to point at the initial password file
 * (by its name in the data dir only: where the data dir is on disk is no business of visitors).
 *
 * @param oidc the "Sign in with …" button, or null when OpenID Connect sign-in is not configured
 */
public record LoginModel(String next, String error, boolean initialPasswordFile, Oidc oidc) {

    /**
     * The OpenID Connect button.
     *
     * @param label   the button's text
     * @param href    where it leads ({@code /login/oidc?next=…})
     * @param problem why sign-in with the provider is unavailable now (the button is not shown then), or null
     */
    public record Oidc(String label, String href, String problem) {
    }
}
