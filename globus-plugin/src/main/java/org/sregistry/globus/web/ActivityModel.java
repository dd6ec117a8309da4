package org.sregistry.globus.web;

import java.util.List;

/**
 * The activity page (or one task's page): the transfers, and whether the page keeps polling.
 *
 * @param tasks      newest first
 * @param pollHref   the fragment htmx reloads every 2 s while a task is active, or null when none is
 * @param single     true on one task's page
 * @param olderHref  the next page of history, or null
 */
public record ActivityModel(List<TaskView> tasks, String pollHref, boolean single, String olderHref) {

    public ActivityModel {
        tasks = List.copyOf(tasks);
    }

    /** True while any task may still change. */
    public boolean live() {
        return pollHref != null;
    }
}
