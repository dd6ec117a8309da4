package org.sregistry.globus.notify;

/** A notification setting that cannot be saved; the message names the field and what is expected. */
public final class InvalidNotifySettingsException extends IllegalArgumentException {
    private final String field;

    public InvalidNotifySettingsException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The field at fault, e.g. {@code webhook.url}. */
    public String field() {
        return field;
    }
}
