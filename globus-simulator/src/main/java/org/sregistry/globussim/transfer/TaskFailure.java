package org.sregistry.globussim.transfer;

/** Ends a running task as FAILED with a Globus-style error code (e.g. {@code FILE_NOT_FOUND}). */
final class TaskFailure extends Exception {
    final String code;
    final boolean canceled;

    TaskFailure(String code, String description, boolean canceled) {
        super(description, null, false, false);
        this.code = code;
        this.canceled = canceled;
    }

    TaskFailure(String code, String description) {
        this(code, description, false);
    }
}
