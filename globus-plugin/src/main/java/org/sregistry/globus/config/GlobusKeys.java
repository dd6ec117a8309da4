package org.sregistry.globus.config;

/**
 * The configuration keys of the Globus plugin. The names follow the original registry (tunel) where it had
 * them ({@code PLUGIN_GLOBUS_ENDPOINT}, {@code ROBOTNAME}); the host handles {@code PLUGIN_GLOBUS_ENABLED}
 * itself, so it is not declared here.
 */
public final class GlobusKeys {
    /** The registry's own Globus endpoint (collection) id. */
    public static final String ENDPOINT = "PLUGIN_GLOBUS_ENDPOINT";
    /** The registry's generated robot name, e.g. {@code bumfuzzled-despacito-2591}. */
    public static final String ROBOT_NAME = "ROBOTNAME";
    /** The native-app client id registered with Globus. */
    public static final String CLIENT_ID = "PLUGIN_GLOBUS_CLIENT_ID";
    /** Globus Auth service root. */
    public static final String AUTH_URL = "PLUGIN_GLOBUS_AUTH_URL";
    /** Globus Transfer service root. */
    public static final String TRANSFER_URL = "PLUGIN_GLOBUS_TRANSFER_URL";
    /** Local folder the registry's endpoint exposes. */
    public static final String STAGING_DIR = "PLUGIN_GLOBUS_STAGING_DIR";
    /** The staging folder as the registry's endpoint sees it. */
    public static final String STAGING_PATH = "PLUGIN_GLOBUS_STAGING_PATH";
    /** Seconds between two runs of the import task. */
    public static final String POLL_SECONDS = "PLUGIN_GLOBUS_POLL_SECONDS";
    /** Whether transfers into the staging path started elsewhere are imported too. */
    public static final String IMPORT_FOREIGN = "PLUGIN_GLOBUS_IMPORT_FOREIGN";
    /** Whether active transfers the registry submitted are polled every few seconds (the fast path). */
    public static final String FAST_PATH = "PLUGIN_GLOBUS_FAST_PATH";
    /** Whether transfers use per-transfer access rules on a guest collection: auto, guest or off. */
    public static final String SHARING = "PLUGIN_GLOBUS_SHARING";
    /** How many per-transfer access rules (shares) may be open at once. */
    public static final String MAX_SHARES = "PLUGIN_GLOBUS_MAX_SHARES";
    /** Hours after submission at which Globus cancels an unfinished transfer (its deadline). */
    public static final String TASK_DEADLINE_HOURS = "PLUGIN_GLOBUS_TASK_DEADLINE_HOURS";
    /** The host's enable flag for this plugin (declared and handled by the host). */
    public static final String ENABLED = "PLUGIN_GLOBUS_ENABLED";

    private GlobusKeys() {
    }
}
