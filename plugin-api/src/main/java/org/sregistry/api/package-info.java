/**
 * The contract between the registry host and its plugins.
 *
 * <p>A plugin is a PF4J plugin whose extensions implement the extension points of this
 * package ({@link org.sregistry.api.ResourceContributor}, {@link org.sregistry.api.UiContributor},
 * {@link org.sregistry.api.ConfigContributor}, {@link org.sregistry.api.ScheduledTask},
 * {@link org.sregistry.api.CommandContributor}, {@link org.sregistry.api.UserRoutes},
 * {@link org.sregistry.api.HealthCheck}, {@link org.sregistry.api.ConfigChangeListener}). Extensions receive the
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
 * OpenID Connect sign-in received, handed over once),
 * {@link org.sregistry.api.PluginContext#mail() mail()} (e-mail a user by name; the host knows the address) and
 * {@link org.sregistry.api.PluginContext#metrics() metrics()} (Micrometer meters on {@code /metrics}, tagged
 * {@code plugin=<id>}).
 *
 * <p>The descriptor ({@code plugin.properties}) names the host versions a plugin runs on in
 * {@code plugin.requires}, a semantic-version expression as PF4J reads it (java-semver): a version
 * ({@code 0.1.0}, meaning exactly it), comparisons ({@code >=0.1.0}, {@code <1.0.0}), {@code &} (and), {@code |}
 * (or), {@code !} (not) and parentheses, ranges ({@code 0.1.0 - 0.3.0}), {@code ~0.1} (0.1.x), {@code ^0.1.0}
 * (same major version, or for 0.x the same minor), wildcards ({@code 0.1.x}, {@code 0.*}); empty or {@code *}
 * accepts every host. Example: {@code plugin.requires=>=0.1.0 & <1.0.0}. A plugin whose range the host's version
 * ({@code registry --version}) does not satisfy is not started, and {@code /settings} says which version it
 * requires.
 *
 * <p>Nothing here refers to host classes; a plugin compiles against this module, PF4J and the
 * shared stack (JAX-RS, Jackson, picocli, SLF4J, Micrometer), all with {@code provided} scope.
 */
package org.sregistry.api;
