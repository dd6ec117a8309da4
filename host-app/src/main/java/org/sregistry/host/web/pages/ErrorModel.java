package org.sregistry.host.web.pages;

/** A simple error page. */
public record ErrorModel(int status, String title, String message) {
}
