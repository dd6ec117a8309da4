package org.sregistry.globus.web;

import java.util.List;

/**
 * The "Scheduled sync" card of {@code /globus}: the caller's rules (everyone's for an administrator), each with its
 * last run and result and its next run, and the form for a new one. Every text is escaped by the template.
 *
 * @param csrfField     the host's hidden CSRF field
 * @param admin         the caller is an administrator (the owner column is shown)
 * @param rules         the rules shown
 * @param endpoints     the caller's own and shared collections to choose the destination from (empty: type its id)
 * @param endpointsNote why the list is empty, or null
 * @param form          what the form shows (what was typed, after a mistake)
 * @param message       a notice, or null
 * @param error         why the last action was refused, or null
 */
public record SyncModel(String csrfField, boolean admin, List<Row> rules, List<Choice> endpoints,
                        String endpointsNote, Form form, String message, String error) {

    /**
     * One rule.
     *
     * @param id            its id
     * @param owner         whose it is
     * @param match         what it sends ({@code lab/*})
     * @param destination   collection name (or id) and folder
     * @param schedule      in words
     * @param enabled       on or off
     * @param nextRun       the next run in the rule's zone, or "off"
     * @param result        the last result ({@code ok}, {@code nothing_new}, …) or "never run"
     * @param resultMessage what the last run said, or ""
     * @param lastRunAt     when it ran last, or ""
     * @param taskLink      the last run's transfer on the activity page, or null
     */
    public record Row(String id, String owner, String match, String destination, String schedule, boolean enabled,
                      String nextRun, String result, String resultMessage, String lastRunAt, String taskLink) {
    }

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

    /** The same card with a notice or an error. */
    SyncModel with(String newMessage, String newError) {
        return new SyncModel(csrfField, admin, rules, endpoints, endpointsNote, form, newMessage, newError);
    }
}
