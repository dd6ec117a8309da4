package org.sregistry.host.web.pages;

import java.util.List;

/**
 * The admin settings page.
 *
 * @param plugins      every plugin
 * @param groups       options, grouped by owner (the host, then each started plugin)
 * @param tasks        scheduled tasks
 * @param tokenNames   API token names
 * @param newToken     a token just created (shown once), or null
 * @param message      a notice after an action, or null
 * @param error        an error not tied to a field, or null
 * @param sectionsHtml plugin {@code settings.sections} fragments
 * @param csrfToken    for the forms
 * @param generatedPassword true while the admin still uses the password of {@code initial-admin-password}
 * @param cleanup      the storage clean-up section
 * @param ldapWarning  why the LDAP sign-in is unsafe (plain ldap:// allowed by REGISTRY_LDAP_INSECURE), or null
 * @param mail         the e-mail section: the SMTP settings in one line, or why there are none
 */
public record SettingsModel(List<PluginRow> plugins, List<OptionGroup> groups, List<TaskRow> tasks,
                            List<String> tokenNames, String newToken, String message, String error,
                            String sectionsHtml, String csrfToken, boolean generatedPassword,
                            CleanupModel cleanup, String ldapWarning, org.sregistry.host.mail.TestMail.Status mail) {

    /**
     * One plugin. {@code fixedBy} names the source that fixes its enable flag (env/flag), or null; {@code jar} is its
     * file's name, {@code dev} true when it comes from the source tree (it cannot be removed here);
     * {@code fragmentFailures} its fragments that threw, by slot.
     */
    public record PluginRow(String id, String version, String description, String state, String error,
                            boolean enabled, String enabledKey, String fixedBy, String jar, boolean dev,
                            List<FragmentRow> fragmentFailures) {
    }

    /** A slot whose fragment threw: how often, the last error and when. */
    public record FragmentRow(String slot, long count, String lastError, String lastAt) {
    }

    /** The options of one owner. */
    public record OptionGroup(String title, List<OptionRow> options) {
    }

    /**
     * One option. {@code value} is null for secrets (never sent to the browser); {@code isSet}
     * says whether a secret has a value; {@code choices} are a choice option's words (offered as a list), else empty.
     */
    public record OptionRow(String key, String type, String value, boolean isSet, String source, String description,
                            boolean secret, boolean required, boolean fixed, String error, List<String> choices) {

        /** True when the value is not one of the choices (a hand-edited file): the list shows it, marked. */
        public boolean valueOutsideChoices() {
            return value != null && !value.isEmpty() && !choices.contains(value);
        }

        /**
         * Why the value cannot be edited here, or null when it can: fixed by the environment or a start flag (change
         * it there), or an option read only at start from the config file or the environment (the database ones).
         */
        public String fixedNote() {
            if (!fixed) {
                return null;
            }
            if (org.sregistry.host.config.ConfigSource.ENV.label().equals(source)
                    || org.sregistry.host.config.ConfigSource.FLAG.label().equals(source)) {
                return "Fixed by the " + source + ": change it there.";
            }
            return "Not editable here: set it in the config file or the environment; it is read at start.";
        }
    }

    /** One scheduled task. */
    public record TaskRow(String pluginId, String name, String lastRun, String duration, String outcome,
                          String nextRun, long runs, long failures) {
    }
}
