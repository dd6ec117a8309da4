/**
 * The contract between the registry host and its plugins.
 *
 * <p>A plugin is a PF4J plugin whose extensions implement the extension points of this
 * package ({@link org.sregistry.api.ResourceContributor}, {@link org.sregistry.api.UiContributor},
 * {@link org.sregistry.api.ConfigContributor}, {@link org.sregistry.api.ScheduledTask},
 * {@link org.sregistry.api.CommandContributor}). Extensions receive the host's services through
 * one mechanism only: a public constructor that takes a {@link org.sregistry.api.PluginContext}
 * (and optionally the plugin's own {@link org.pf4j.Plugin} instance). A no-argument constructor
 * works too.
 *
 * <p>Nothing here refers to host classes; a plugin compiles against this module, PF4J and the
 * shared stack (JAX-RS, Jackson, picocli, SLF4J), all with {@code provided} scope.
 */
package org.sregistry.api;
