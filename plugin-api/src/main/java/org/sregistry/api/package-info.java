/**
 * The contract between the registry host and its plugins.
 *
 * <p>A plugin is a PF4J plugin whose extensions implement the extension points of this
 * package ({@link org.sregistry.api.ResourceContributor}, {@link org.sregistry.api.UiContributor},
 * {@link org.sregistry.api.ConfigContributor}, {@link org.sregistry.api.ScheduledTask},
 * {@link org.sregistry.api.CommandContributor}, {@link org.sregistry.api.UserRoutes}). Extensions receive the
 * host's services through one mechanism only: a public constructor that takes a
 * {@link org.sregistry.api.PluginContext} (and optionally the plugin's own {@link org.pf4j.Plugin} instance). A
 * no-argument constructor works too.
 *
 * <p>The context's facets: {@code config()}, {@code registry()} (a system view: it filters nothing),
 * {@code store()}, {@code pages()}, {@code clock()}, {@code dataDir()}, {@code runTaskSoon()},
 * {@link org.sregistry.api.PluginContext#access() access()} (who is asking and what they may pull and push: filter
 * with it what the caller sees and does), {@link org.sregistry.api.PluginContext#audit() audit()} (record what
 * was done on someone's behalf; the host adds who, when and where),
 * {@link org.sregistry.api.PluginContext#secrets() secrets()} (seal tokens before they go into a record),
 * {@link org.sregistry.api.PluginContext#signInGrants() signInGrants()} (tokens for other services that the user's
 * OpenID Connect sign-in received, handed over once) and
 * {@link org.sregistry.api.PluginContext#mail() mail()} (e-mail a user by name; the host knows the address).
 *
 * <p>Nothing here refers to host classes; a plugin compiles against this module, PF4J and the
 * shared stack (JAX-RS, Jackson, picocli, SLF4J), all with {@code provided} scope.
 */
package org.sregistry.api;
