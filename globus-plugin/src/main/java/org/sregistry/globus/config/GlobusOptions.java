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
                ConfigOption.builder(GlobusKeys.AUTH_URL, Type.URL)
                        .defaultValue(GlobusClientConfig.DEFAULT_AUTH_ROOT.toString())
                        .description("Globus Auth service root (change only for a Globus test deployment or the "
                                + "simulator). https:// required; http:// only on this machine (loopback).")
                        .validator(GlobusSettings::checkServiceUrl)
                        .build(),
                ConfigOption.builder(GlobusKeys.TRANSFER_URL, Type.URL)
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
                        .validator(v -> {
                            long n = Long.parseLong(v.trim());
                            return n >= 1 && n <= MAX_POLL_SECONDS ? Optional.empty()
                                    : Optional.of("between 1 and " + MAX_POLL_SECONDS + " seconds");
                        })
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
                        .build());
    }
}
