/**
 * The plugin test kit: integration tests of a plugin on the real host, in-process. {@link
 * org.sregistry.host.testkit.RegistryExtension} boots the registry on a random loopback port with a temp data dir and
 * the plugin's built jar, enables it ({@code enable(id)}: as the /settings toggle does, so it can be switched off and
 * on), waits for its scheduled tasks ({@code awaitTaskRun}, {@code runTask}) and hands out clients ({@link
 * org.sregistry.host.testkit.RegistryClient}: anonymous, HTTP Basic, a logged-in browser with CSRF, a bearer
 * token). {@link org.sregistry.host.testkit.ShiftableClock} moves the server's time; {@link
 * org.sregistry.host.testkit.RegistryProcess} runs the {@code registry} CLI in a child JVM.
 *
 * <p>It ships as {@code org.sregistry:host-app:tests} (the test-jar, with {@code test-sources} and
 * {@code test-javadoc}); depend on it and on {@code host-app} itself in test scope, versions from
 * {@code registry-bom}. Tests using it load the plugin jar, so they are integration tests: name them {@code *IT}
 * and run them with the maven-failsafe-plugin ({@code mvn verify}, after {@code package}). Unit tests of a plugin's
 * classes need no host: {@code org.sregistry:plugin-testkit}'s {@code FakePluginContext}.
 */
package org.sregistry.host.testkit;
