package org.sregistry.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Declares the configuration options of a plugin. Options of enabled plugins are shown and
 * edited on {@code /settings}; the plugin does not start while a required option is missing
 * or a value is invalid, and the settings page says why.
 */
public interface ConfigContributor extends ExtensionPoint {

    /** The options, in the order the settings page shows them. */
    List<ConfigOption> options();
}
