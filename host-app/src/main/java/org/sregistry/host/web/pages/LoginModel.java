package org.sregistry.host.web.pages;

/**
 * The login form: where to go next, an error, and whether to point at the initial password file
 * (by its name in the data dir only: where the data dir is on disk is no business of visitors).
 */
public record LoginModel(String next, String error, boolean initialPasswordFile) {
}
