package org.sregistry.globus.web;

import java.util.List;

/**
 * The activity page (or one task's page): the transfers, and whether the page keeps polling.
 *
 * @param tasks      submits not confirmed yet first, then the transfers, newest first
 * @param pollHref   the fragment htmx reloads every 2 s while a task is active, or null when none is
 * @param single     true on one task's page
 * @param olderHref  the next page of history, or null
 * @param csrfField  the host's hidden CSRF field for the Retry / Discard forms ("" where no form is shown)
 * @param events     one task's page: its Globus event list; else null
 * @param notice     what a Cancel or Retry just did, in plain words, or null
 */
public record ActivityModel(List<TaskView> tasks, String pollHref, boolean single, String olderHref,
                            String csrfField, TaskEvents.Listing events, String notice) {

    public ActivityModel {
        tasks = List.copyOf(tasks);
        csrfField = csrfField == null ? "" : csrfField;
    }

    /** A list without events or notice. */
    public ActivityModel(List<TaskView> tasks, String pollHref, boolean single, String olderHref, String csrfField) {
        this(tasks, pollHref, single, olderHref, csrfField, null, null);
    }

    /** True while any task may still change. */
    public boolean live() {
        return pollHref != null;
    }
}
