package org.sregistry.globus.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.ConfigOption.Type;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.client.GlobusClientConfig;

/**
 * The Globus plugin's options, shown and edited on {@code /settings}. Every value is read when it is used
 * (see {@link GlobusSettings}), so a change applies without restart.
 *
 * <p>None of them is {@code required} for the host: the plugin must start without a client id or endpoint so
 * that its page and its CLI can explain how to obtain them ({@code registry globus create-endpoint} needs a
 * running plugin to store the id it creates).
 */
@Extension
public class GlobusOptions implements ConfigContributor {

    /** Default seconds between import runs. */
    public static final int DEFAULT_POLL_SECONDS = 30;
    /** Longest accepted poll interval (a day). */
    public static final int MAX_POLL_SECONDS = 86_400;
    /** Default number of open shares: under the lower of the two documented rule limits (100 and 1000). */
    public static final int DEFAULT_MAX_SHARES = 90;
    /** Most open shares accepted (Globus documents 1000 rules per guest collection). */
    public static final int MAX_MAX_SHARES = 1000;
    /** Default transfer deadline in hours (Globus's own longest default). */
    public static final int DEFAULT_TASK_DEADLINE_HOURS = 72;
    /** Longest accepted deadline (30 days): a share's rule lives until the deadline and an hour. */
    public static final int MAX_TASK_DEADLINE_HOURS = 720;

    private final Path defaultStagingDir;

    /** Options whose staging default lies under the host data dir. */
    public GlobusOptions(PluginContext context) {
        this(GlobusSettings.defaultStagingDir(context.hostDataDir()));
    }

    GlobusOptions(Path defaultStagingDir) {
        this.defaultStagingDir = defaultStagingDir;
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.builder(GlobusKeys.ENDPOINT, Type.UUID)
                        .description("The registry's own Globus endpoint (collection) id, the one that exposes the "
                                + "staging folder. Create one with 'registry globus create-endpoint' or paste the id "
                                + "of an existing collection.")
                        .build(),
                ConfigOption.builder(GlobusKeys.ROBOT_NAME, Type.STRING)
                        .description("This registry's robot name (descriptor-noun-NNNN), generated once; it names "
                                + "the endpoint that create-endpoint makes (sregistry-<robot name>).")
                        .generatedDefault(() -> new RobotNamer().generate())
                        .validator(v -> RobotNamer.isValid(v) ? Optional.empty()
                                : Optional.of("lower-case letters, digits and single '-' between them, at most "
                                + RobotNamer.MAX_LENGTH + " characters"))
                        .build(),
                ConfigOption.builder(GlobusKeys.CLIENT_ID, Type.UUID)
                        .description("Client id of the native app registered at https://app.globus.org/settings/"
                                + "developers (needed to log in to Globus; the simulator accepts any UUID).")
                        .build(),
                ConfigOption.builder(GlobusKeys.AUTH_URL, Type.DIRECTORY_URL)
                        .defaultValue(GlobusClientConfig.DEFAULT_AUTH_ROOT.toString())
                        .description("Globus Auth service root (change only for a Globus test deployment or the "
                                + "simulator). https:// required; http:// only on this machine (loopback).")
                        .validator(GlobusSettings::checkServiceUrl)
                        .build(),
                ConfigOption.builder(GlobusKeys.TRANSFER_URL, Type.DIRECTORY_URL)
                        .defaultValue(GlobusClientConfig.DEFAULT_TRANSFER_ROOT.toString())
                        .description("Globus Transfer service root (the client appends v0.10/). https:// "
                                + "required; http:// only on this machine (loopback).")
                        .validator(GlobusSettings::checkServiceUrl)
                        .build(),
                ConfigOption.builder(GlobusKeys.STAGING_DIR, Type.PATH)
                        .defaultValue(defaultStagingDir.toString())
                        .description("Local folder the registry's endpoint exposes: images are staged here for "
                                + "sending and arrive here when pulled. Only this folder is shared, never the "
                                + "image store.")
                        .validator(GlobusSettings::checkStagingDir)
                        .build(),
                ConfigOption.builder(GlobusKeys.STAGING_PATH, Type.STRING)
                        .description("The staging folder as the registry's endpoint sees it, e.g. /~/staging/ or "
                                + "/data/registry/staging/. Empty means the same as " + GlobusKeys.STAGING_DIR
                                + " (a Globus Connect Personal endpoint on this machine without path mapping).")
                        .validator(GlobusSettings::checkEndpointPath)
                        .build(),
                ConfigOption.builder(GlobusKeys.POLL_SECONDS, Type.INTEGER)
                        .defaultValue(Integer.toString(DEFAULT_POLL_SECONDS))
                        .description("Seconds between two checks for finished Globus transfers.")
                        .validator(v -> between(v, 1, MAX_POLL_SECONDS, " seconds"))
                        .build(),
                ConfigOption.builder(GlobusKeys.IMPORT_FOREIGN, Type.BOOLEAN)
                        .defaultValue("true")
                        .description("Also import images that transfers started elsewhere (e.g. the Globus web "
                                + "app) put into the staging path.")
                        .build(),
                ConfigOption.builder(GlobusKeys.FAST_PATH, Type.BOOLEAN)
                        .defaultValue("true")
                        .description("While transfers this registry submitted are active, ask Globus about them "
                                + "every few seconds (less often as they grow older), so a pull is imported seconds "
                                + "after it finished. false: only the task list, every poll interval (fewer Globus "
                                + "requests, imports up to a poll interval later).")
                        .build(),
                ConfigOption.builder(GlobusKeys.SHARING, Type.CHOICE)
                        .choices(GlobusSettings.Sharing.AUTO.value(), GlobusSettings.Sharing.GUEST.value(),
                                GlobusSettings.Sharing.OFF.value())
                        .defaultValue(GlobusSettings.Sharing.AUTO.value())
                        .description("auto, guest or off. guest: the registry's endpoint is a guest collection "
                                + "owned by the registry's Globus identity, and each user's transfer gets its own "
                                + "folder and access rule, submitted with the user's own Globus login. off: every "
                                + "transfer uses the registry's Globus login (single user). auto: guest when the "
                                + "endpoint is a GCSv5 guest collection on which the registry's login is "
                                + "administrator or access_manager, otherwise off.")
                        .build(),
                ConfigOption.builder(GlobusKeys.MAX_SHARES, Type.INTEGER)
                        .defaultValue(Integer.toString(DEFAULT_MAX_SHARES))
                        .description("Most transfers with their own access rule in progress at once (guest mode); "
                                + "more are refused until one ends. Globus limits the rules per collection.")
                        .validator(v -> between(v, 1, MAX_MAX_SHARES, ""))
                        .build(),
                ConfigOption.builder(GlobusKeys.TASK_DEADLINE_HOURS, Type.INTEGER)
                        .defaultValue(Integer.toString(DEFAULT_TASK_DEADLINE_HOURS))
                        .description("Hours after which Globus cancels a transfer that has not finished; a "
                                + "transfer's access rule expires an hour after that.")
                        .validator(v -> between(v, 1, MAX_TASK_DEADLINE_HOURS, " hours"))
                        .build());
    }

    private static Optional<String> between(String value, long min, long max, String unit) {
        long n = Long.parseLong(value.trim());
        return n >= min && n <= max ? Optional.empty() : Optional.of("between " + min + " and " + max + unit);
    }
}
