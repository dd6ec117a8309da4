package org.sregistry.host.web.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.UiSlots;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.auth.ApiTokens;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.config.ConfigException;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.host.config.ResolvedValue;
import org.sregistry.host.oci.StorageCleanup;
import org.sregistry.host.observability.SecretMasker;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginInstaller;
import org.sregistry.host.plugins.PluginRecord;
import org.sregistry.host.plugins.PluginState;
import org.sregistry.host.scheduler.TaskScheduler;
import org.sregistry.host.scheduler.TaskStatus;
import org.sregistry.host.web.Layout;
import org.sregistry.host.web.UiFragments;
import org.sregistry.registry.oci.GarbageCollector;

/**
 * {@code /settings}: plugins (state, enable toggle), options (value, source, description,
 * validation), scheduled tasks, API tokens. Every change is a POST with the CSRF token.
 */
@Path("/settings")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class SettingsResource {
    /** Options the host itself owns on this page. */
    public static final String HOST_OWNER = "host";

    private final Layout layout;
    private final PluginHost plugins;
    private final LayeredConfig config;
    private final TaskScheduler scheduler;
    private final ApiTokens tokens;
    private final UiFragments fragments;
    private final java.nio.file.Path initialPasswordFile;
    private final StorageCleanup cleanup;
    private final Audit audit;
    private final String ldapWarning;
    private final org.sregistry.host.mail.TestMail testMail;
    private final PluginInstaller installer;

    public SettingsResource(Layout layout, PluginHost plugins, LayeredConfig config, TaskScheduler scheduler,
                            ApiTokens tokens, UiFragments fragments, java.nio.file.Path initialPasswordFile,
                            StorageCleanup cleanup, Audit audit, org.sregistry.host.auth.ldap.LdapSettings ldap,
                            org.sregistry.host.mail.TestMail testMail, PluginInstaller installer) {
        this.installer = installer;
        this.audit = audit;
        this.testMail = testMail;
        this.ldapWarning = ldapWarning(ldap);
        this.initialPasswordFile = initialPasswordFile;
        this.cleanup = cleanup;
        this.layout = layout;
        this.plugins = plugins;
        this.config = config;
        this.scheduler = scheduler;
        this.tokens = tokens;
        this.fragments = fragments;
    }

    @GET
    public String page(@QueryParam("password") String password, @QueryParam("plugin") String plugin) {
        // a jar dropped into (or removed from) the plugins folder counts here at once, upgrades included
        plugins.rescan();
        Optional<PasswordNotice> notice = PasswordNotice.of(password);
        String installed = "installed".equals(plugin) ? "The plugin jar is installed: its row in the Plugins table"
                + " shows its version and state." : null;
        return render(null, notice.filter(n -> !n.error()).map(PasswordNotice::text).orElse(installed),
                notice.filter(PasswordNotice::error).map(PasswordNotice::text).orElse(null), Map.of());
    }

    /**
     * Installs or upgrades a plugin from the jar in the body (the page's upload script sends it with the CSRF
     * header); answers JSON like {@code PUT /api/plugins/{id}}, which the script turns into a notice.
     */
    @POST
    @Path("plugins/install")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response install(java.io.InputStream body) throws java.io.IOException {
        try {
            PluginInstaller.Installed installed = installer.install(null, body);
            PluginRecord now = installed.plugin();
            audit.record(installed.created() ? "plugin.install" : "plugin.upgrade", now.id(), Audit.Outcome.OK,
                    Map.of("version", now.version(), "state", now.state().label()));
            return Response.ok(Map.of("id", now.id(), "version", now.version(), "state", now.state().label()))
                    .build();
        } catch (PluginInstaller.Refused refused) {
            audit.record("plugin.install", "", Audit.Outcome.FAILED, Map.of("reason", refused.getMessage()));
            return Response.status(refused.status())
                    .entity(Map.of("error", refused.code(), "message", refused.getMessage())).build();
        }
    }

    /** Removes a plugin's jar from the plugins folder and unloads it. */
    @POST
    @Path("plugins/{id}/remove")
    public Response remove(@PathParam("id") String id) throws java.io.IOException {
        try {
            installer.remove(id);
        } catch (PluginInstaller.Refused refused) {
            return Response.status(refused.status()).entity(render(null, null, refused.getMessage(), Map.of()))
                    .build();
        }
        audit.record("plugin.remove", id, Audit.Outcome.OK, Map.of());
        return Response.ok(render(null, "Plugin " + id + " is removed.", null, Map.of())).build();
    }

    @POST
    @Path("plugins/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response toggle(@PathParam("id") String id, @FormParam("enabled") String enabled) {
        Optional<PluginRecord> plugin = plugins.plugin(id);
        if (plugin.isEmpty()) {
            return Response.status(404).entity(render(null, null, "No plugin with id " + id + ".", Map.of())).build();
        }
        String action = Boolean.parseBoolean(enabled) ? "plugin.enable" : "plugin.disable";
        try {
            plugins.setEnabled(id, Boolean.parseBoolean(enabled));
        } catch (ConfigException e) {
            audit.record(action, id, Audit.Outcome.FAILED, Map.of("reason", e.getMessage()));
            return Response.status(409).entity(render(null, null, e.getMessage(), Map.of())).build();
        }
        PluginRecord after = plugins.plugin(id).orElseThrow();
        String message = switch (after.state()) {
            case STARTED -> "Plugin " + id + " is enabled.";
            case DISABLED -> "Plugin " + id + " is disabled.";
            case FAILED -> null;
        };
        String error = after.state() == PluginState.FAILED ? "Plugin " + id + " failed: " + after.error() : null;
        audit.record(action, id, error == null ? Audit.Outcome.OK : Audit.Outcome.FAILED, Map.of("state", after.state().label()));
        return Response.ok(render(null, message, error, Map.of())).build();
    }

    @POST
    @Path("options")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveOption(@FormParam("key") String key, @FormParam("value") String value) {
        if (key == null || config.option(key).isEmpty()) {
            return Response.status(400).entity(render(null, null, "Unknown option " + key + ".", Map.of())).build();
        }
        ConfigOption option = config.option(key).get();
        if (org.sregistry.host.HostOptions.NOT_EDITABLE_ON_PAGE.contains(key)) {
            return Response.status(400).entity(render(null, null, null, Map.of(key, key
                    + " is set in the config file or the environment (read at start), not on this page"))).build();
        }
        if (option.secret() && (value == null || value.isEmpty())) {
            return Response.ok(render(null, "Secret " + key + " left unchanged.", null, Map.of())).build();
        }
        try {
            config.saveFromAdmin(key, value);
            if (option.secret()) {
                SecretMasker.register(value);
            }
            audit.record("settings.change", key, Audit.Outcome.OK, option.secret() ? Map.of("kind", "secret (value not recorded)")
                    : Map.of("value", value == null ? "" : value));
        } catch (ConfigException e) {
            Map<String, String> rejected = Map.of(key, e.getMessage());
            return Response.status(400).entity(render(null, null, null, rejected, option.secret() ? Map.of()
                    : Map.of(key, value == null ? "" : value))).build();
        }
        // a plugin that failed on invalid configuration gets another chance
        plugins.applyEnablement();
        return Response.ok(render(null, "Saved " + key + ".", null, Map.of())).build();
    }

    @POST
    @Path("tasks/{plugin}/{name}/run")
    public Response runTask(@PathParam("plugin") String plugin, @PathParam("name") String name) {
        boolean found = scheduler.runNow(plugin, name);
        return Response.status(found ? 200 : 404)
                .entity(render(null, found ? "Task " + plugin + "/" + name + " runs now." : null,
                        found ? null : "No task " + plugin + "/" + name + ".", Map.of()))
                .build();
    }

    /** Shows what a storage clean-up would remove right now; removes nothing. */
    @POST
    @Path("cleanup/dry-run")
    public Response cleanupDryRun() {
        GarbageCollector.Report report = cleanup.dryRun();
        String message = report.nothingRemoved() ? "Dry run: a storage clean-up now would remove nothing."
                : "Dry run: a storage clean-up now would remove what the Storage clean-up section lists; nothing was"
                + " removed.";
        return Response.ok(render(null, message, null, Map.of(), Map.of(), report)).build();
    }

    /** Starts a storage clean-up now, through the scheduler (never two at once). */
    @POST
    @Path("cleanup/run")
    public Response cleanupRun() {
        boolean found = scheduler.runNow(StorageCleanup.OWNER, StorageCleanup.NAME);
        return Response.status(found ? 200 : 404)
                .entity(render(null, found ? "The storage clean-up runs now; reload this page for its report." : null,
                        found ? null : "The storage clean-up is not scheduled.", Map.of()))
                .build();
    }

    /** Sends a test e-mail to the signed-in administrator's address; the page says whether the server took it. */
    @POST
    @Path("mail/test")
    public Response sendTestMail() {
        org.sregistry.host.mail.TestMail.Result result = testMail.sendTo(me());
        int status = result.sent() ? 200 : result.failure() == org.sregistry.api.MailException.Reason.SEND_FAILED ? 502 : 409;
        return Response.status(status).entity(render(null, result.sent() ? result.text() : null,
                result.sent() ? null : result.text(), Map.of())).build();
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(@FormParam("name") String name) {
        try {
            String token = tokens.create(me().id(), name == null ? "" : name.trim());
            return Response.ok(render(token, "Token " + name + " created. Copy it now: it is not shown again.", null,
                    Map.of())).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(render(null, null, e.getMessage(), Map.of())).build();
        }
    }

    @POST
    @Path("tokens/{name}/delete")
    public Response deleteToken(@PathParam("name") String name) {
        boolean removed = tokens.revoke(me().id(), name);
        return Response.status(removed ? 200 : 404)
                .entity(render(null, removed ? "Token " + name + " revoked." : null,
                        removed ? null : "No token named " + name + ".", Map.of()))
                .build();
    }

    private String render(String newToken, String message, String error, Map<String, String> fieldErrors) {
        return render(newToken, message, error, fieldErrors, Map.of());
    }

    /** {@code submitted}: rejected input to show again in its field, so nothing typed is lost. */
    private String render(String newToken, String message, String error, Map<String, String> fieldErrors,
                          Map<String, String> submitted) {
        return render(newToken, message, error, fieldErrors, submitted, null);
    }

    /** {@code dryRun}: a dry run's report to show in the storage clean-up section, or null. */
    private String render(String newToken, String message, String error, Map<String, String> fieldErrors,
                          Map<String, String> submitted, GarbageCollector.Report dryRun) {
        List<SettingsModel.PluginRow> pluginRows = new ArrayList<>();
        List<SettingsModel.OptionGroup> groups = new ArrayList<>();
        groups.add(new SettingsModel.OptionGroup("Registry", optionRows(HOST_OWNER, fieldErrors, submitted)));
        for (PluginRecord plugin : plugins.plugins()) {
            ResolvedValue enabled = config.resolve(plugin.enabledKey());
            String fixedBy = enabled.isSet() && enabled.source().fixedAboveFile()
                    ? enabled.source().label() + " (" + plugin.enabledKey() + "=" + enabled.value() + ")" : null;
            pluginRows.add(new SettingsModel.PluginRow(plugin.id(), plugin.version(), plugin.description(),
                    plugin.state().label(), plugin.error(), config.isTrue(plugin.enabledKey()), plugin.enabledKey(),
                    fixedBy, plugin.jar() == null ? "" : plugin.jar().getFileName().toString(), plugin.dev(),
                    fragments.failures().of(plugin.id()).stream().map(SettingsResource::fragmentRow).toList()));
            if (plugin.state() == PluginState.STARTED || (plugin.state() == PluginState.FAILED
                    && !config.optionsOf(plugin.id()).isEmpty() && config.isTrue(plugin.enabledKey()))) {
                groups.add(new SettingsModel.OptionGroup("Plugin " + plugin.id(), optionRows(plugin.id(), fieldErrors, submitted)));
            }
        }
        List<SettingsModel.TaskRow> taskRows = scheduler.statuses().stream().map(SettingsResource::taskRow).toList();
        String sections = fragments.render(UiSlots.SETTINGS_SECTIONS, Optional.empty());
        SettingsModel model = new SettingsModel(pluginRows, groups, taskRows, tokens.names(me().id()), newToken, message, error,
                sections, CurrentRequest.csrfToken(), java.nio.file.Files.exists(initialPasswordFile),
                CleanupModel.of(cleanup.interval(), cleanup.grace(), cleanup.lastRun().orElse(null), dryRun),
                ldapWarning, testMail.status());
        return layout.page("Settings", "settings.jte", model);
    }

    /**
     * A warning while LDAP passwords cross the network in clear ({@code REGISTRY_LDAP_INSECURE=true}), or null: of
     * the directory the server runs with (read at start), not of what the configuration says now.
     */
    private static String ldapWarning(org.sregistry.host.auth.ldap.LdapSettings ldap) {
        return ldap == null || !ldap.insecure() || ldap.ldaps() || ldap.startTls() ? null
                : "LDAP sign-in uses plain " + ldap.url() + " (" + org.sregistry.host.auth.ldap.LdapOptions.INSECURE
                        + "=true): passwords cross the network readable. Use ldaps:// or "
                        + org.sregistry.host.auth.ldap.LdapOptions.STARTTLS + "=true outside tests.";
    }

    private List<SettingsModel.OptionRow> optionRows(String owner, Map<String, String> fieldErrors,
                                                     Map<String, String> submitted) {
        Map<String, String> problems = config.problems(owner);
        List<SettingsModel.OptionRow> rows = new ArrayList<>();
        for (ConfigOption option : config.optionsOf(owner)) {
            ResolvedValue value = config.resolve(option.key());
            String error = fieldErrors.getOrDefault(option.key(), problems.get(option.key()));
            rows.add(new SettingsModel.OptionRow(option.key(), option.type().name().toLowerCase(),
                    option.secret() ? null : submitted.getOrDefault(option.key(), value.value()), value.isSet(),
                    value.isSet() ? value.source().label() : "unset", option.description(), option.secret(),
                    option.required(), (value.isSet() && value.source().fixedAboveFile())
                            || org.sregistry.host.HostOptions.NOT_EDITABLE_ON_PAGE.contains(option.key()), error,
                    option.choices()));
        }
        return rows;
    }

    private static SettingsModel.FragmentRow fragmentRow(org.sregistry.host.web.FragmentFailures.Failure f) {
        return new SettingsModel.FragmentRow(f.slot(), f.count(), f.lastError(), time(f.lastAt()));
    }

    private static SettingsModel.TaskRow taskRow(TaskStatus s) {
        return new SettingsModel.TaskRow(s.pluginId(), s.name(), time(s.lastRun()),
                s.duration() == null ? "" : millis(s.duration()), s.outcome(), time(s.nextRun()), s.runs(), s.failures());
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    /** The signed-in user (the auth filter lets nobody else reach this page). */
    private static org.sregistry.host.users.User me() {
        return CurrentRequest.signedIn().orElseThrow(() -> new jakarta.ws.rs.NotAuthorizedException("sign in"));
    }
}
