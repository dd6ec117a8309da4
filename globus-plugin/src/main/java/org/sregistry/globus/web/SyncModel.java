package org.sregistry.globus.web;

import java.util.List;

/**
 * The "Scheduled sync" card of {@code /globus}: the caller's rules (everyone's for an administrator), each with its
 * last run and result and its next run and what can be done to it. Every text is escaped by the template.
 *
 * @param csrfField the host's hidden CSRF field
 * @param admin     the caller is an administrator (the owner column is shown)
 * @param rules     the rules shown
 * @param error     why the last action was refused, or null
 */
public record SyncModel(String csrfField, boolean admin, List<Row> rules, String error) {

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

    /** The same card with an error. */
    SyncModel with(String newError) {
        return new SyncModel(csrfField, admin, rules, newError);
    }
}
