package org.sregistry.host.web.pages;

/** The login form: where to go next, an error, and where the initial password is. */
public record LoginModel(String next, String error, String passwordFile) {
}
