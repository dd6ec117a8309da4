package org.sregistry.globus.web;

import java.util.List;

/**
 * The "New sync rule" page ({@code /globus/sync/new}): its form, the destination chosen from the caller's own and
 * shared collections. Every text is escaped by the template.
 *
 * @param csrfField     the host's hidden CSRF field
 * @param endpoints     the collections to send to (empty: type its id)
 * @param endpointsNote why the list is empty, or null
 * @param form          what the form shows (what was typed, after a mistake)
 * @param error         why the rule was refused, or null
 */
public record SyncFormModel(String csrfField, List<Choice> endpoints, String endpointsNote, Form form, String error) {

    /** A collection to send to. */
    public record Choice(String id, String name, boolean selected) {
    }

    /** The form's fields. */
    public record Form(String endpointId, String path, String match, String every, String at, String zone,
                       String day) {
        /** The form before anything was typed: every night at 02:00 UTC. */
        static Form empty() {
            return new Form("", "", "", "P1D", "02:00", "UTC", "monday");
        }

        /** True when {@code period} is the one chosen. */
        public boolean every(String period) {
            return period.equals(every);
        }

        /** True when {@code weekday} is the one chosen. */
        public boolean day(String weekday) {
            return weekday.equals(day);
        }
    }
}
