package org.sregistry.globus.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.sregistry.globus.client.Endpoint;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.config.GlobusSettings.Sharing;

/**
 * Whether the registry shares its collection per transfer ({@link Mode#GUEST}) or works single-user
 * ({@link Mode#OFF}), from {@code PLUGIN_GLOBUS_SHARING} and, for {@code auto}, from
 * {@code GET endpoint/{PLUGIN_GLOBUS_ENDPOINT}} with the service connection:
 * <ul>
 *   <li>{@code off} → OFF; {@code guest} → GUEST without asking Globus (a lost role shows when a rule is made);</li>
 *   <li>{@code auto} → GUEST when {@code entity_type} is {@code GCSv5_guest_collection} and
 *       {@code my_effective_roles} holds {@code administrator} or {@code access_manager}; else OFF, with why;</li>
 *   <li>no endpoint set → OFF (there is no collection to share).</li>
 * </ul>
 * A decision is kept {@link #TTL} (10 min). When Globus could not be asked (no answer, a refused login, any error)
 * the decision is OFF, whose pages are for administrators only (design §2): users never get guest mode on a guess.
 * Globus is asked again after {@link #RETRY_AFTER_ERROR}. A changed setting or endpoint id is decided anew at once,
 * and so are the service connection's credentials: a login (web, API or {@code update-tokens}), a refresh or a
 * logout of the service connection, so that a registry whose service identity was just logged in does not stay
 * administrators-only for up to a minute on a decision made without it. Thread-safe.
 */
public final class SharingMode {

    /** How long a decision from Globus's answer is kept. */
    public static final Duration TTL = Duration.ofMinutes(10);
    /** How long a decision made without Globus's answer is kept. */
    public static final Duration RETRY_AFTER_ERROR = Duration.ofMinutes(1);
    /** The entity type sharing needs. */
    public static final String GUEST_COLLECTION = "GCSv5_guest_collection";
    /** Roles that may manage access rules (and so make shares). */
    public static final List<String> MANAGER_ROLES = List.of("administrator", "access_manager");

    /** The two ways of working. */
    public enum Mode { GUEST, OFF }

    /**
     * A decision.
     *
     * @param mode         guest or off
     * @param setting      the {@code PLUGIN_GLOBUS_SHARING} value it was made for
     * @param collectionId the registry's endpoint id (null when not set)
     * @param roles        the service connection's {@code my_effective_roles} on it (empty when not asked)
     * @param reason       one sentence for {@code status} and {@code /globus}
     * @param decidedAt    when
     */
    public record Decision(Mode mode, Sharing setting, String collectionId, List<String> roles, String reason,
                           Instant decidedAt) {
        public Decision {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        /** Per-transfer shares on the guest collection. */
        public boolean guest() {
            return mode == Mode.GUEST;
        }
    }

    private record Cached(Decision decision, Instant until, Object credentials) {
    }

    private final GlobusSettings settings;
    private final Supplier<TransferClient> service;
    private final Supplier<?> credentials;
    private final Clock clock;
    private volatile Cached cached;

    /** Decides from {@code settings} and, for auto, asks Globus with the service connection's client. */
    public SharingMode(GlobusSettings settings, Supplier<TransferClient> service, Clock clock) {
        this(settings, service, () -> null, clock);
    }

    /**
     * As {@link #SharingMode(GlobusSettings, Supplier, Clock)}; {@code credentials} names the service connection's
     * stored credentials (e.g. when its token file was last written): a decision is kept only while it is the same.
     */
    public SharingMode(GlobusSettings settings, Supplier<TransferClient> service, Supplier<?> credentials,
                       Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.service = Objects.requireNonNull(service);
        this.credentials = Objects.requireNonNull(credentials);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The current decision (from the cache while it holds and the settings and credentials are unchanged). */
    public Decision current() {
        Sharing setting = settings.sharing();
        String endpoint = settings.endpointId().orElse(null);
        Object version = credentials.get();
        Instant now = clock.instant();
        Cached c = cached;
        if (holds(c, setting, endpoint, version, now)) {
            return c.decision();
        }
        synchronized (this) {
            c = cached; // another thread may have decided meanwhile
            if (!holds(c, setting, endpoint, version, now)) {
                c = decide(setting, endpoint, now);
                c = new Cached(c.decision(), c.until(), version);
                cached = c;
            }
            return c.decision();
        }
    }

    /** Forgets the decision: the next {@link #current()} decides again (after a new login, for one). */
    public void invalidate() {
        cached = null;
    }

    private Cached decide(Sharing setting, String endpoint, Instant now) {
        if (setting == Sharing.OFF) {
            return keep(Mode.OFF, setting, endpoint, List.of(), "PLUGIN_GLOBUS_SHARING is off", now, TTL);
        }
        if (endpoint == null) {
            return keep(Mode.OFF, setting, null, List.of(), "PLUGIN_GLOBUS_ENDPOINT is not set", now, TTL);
        }
        if (!"/".equals(settings.stagingPath())) {
            // each transfer's rule names /t/<sid>/ on the collection: its root must be the staging folder
            return keep(Mode.OFF, setting, endpoint, List.of(), "PLUGIN_GLOBUS_STAGING_PATH is "
                    + settings.stagingPath() + ", not / (a guest collection's root must be the staging folder)",
                    now, TTL);
        }
        if (setting == Sharing.GUEST) {
            return keep(Mode.GUEST, setting, endpoint, List.of(), "PLUGIN_GLOBUS_SHARING is guest", now, TTL);
        }
        Endpoint doc;
        try {
            doc = service.get().getEndpoint(endpoint);
        } catch (GlobusApiException e) {
            String why = e.loginRequired() ? "the registry's Globus login needs updating (registry globus "
                    + "update-tokens)" : "Globus did not say what collection " + endpoint + " is (" + e.code() + ")";
            return keep(Mode.OFF, setting, endpoint, List.of(), why, now, RETRY_AFTER_ERROR);
        } catch (RuntimeException e) { // the supplier found no connection (not configured, no tokens)
            return keep(Mode.OFF, setting, endpoint, List.of(), "the registry has no usable Globus connection ("
                    + e.getMessage() + ")", now, RETRY_AFTER_ERROR);
        }
        List<String> roles = doc.myEffectiveRoles() == null ? List.of() : doc.myEffectiveRoles();
        if (!GUEST_COLLECTION.equals(doc.entityType())) {
            String type = doc.entityType() == null ? "of no stated type" : "a " + doc.entityType();
            return keep(Mode.OFF, setting, endpoint, roles, "collection " + endpoint + " is " + type + ", not a "
                    + GUEST_COLLECTION, now, TTL);
        }
        Optional<String> role = MANAGER_ROLES.stream().filter(roles::contains).findFirst();
        if (role.isEmpty()) {
            return keep(Mode.OFF, setting, endpoint, roles, "the registry's Globus identity is neither administrator "
                    + "nor access_manager on guest collection " + endpoint + " (its roles: "
                    + (roles.isEmpty() ? "none" : String.join(", ", roles)) + ")", now, TTL);
        }
        return keep(Mode.GUEST, setting, endpoint, roles, "guest collection " + endpoint + ", role " + role.get(),
                now, TTL);
    }

    private static boolean holds(Cached c, Sharing setting, String endpoint, Object credentials, Instant now) {
        return c != null && now.isBefore(c.until()) && c.decision().setting() == setting
                && Objects.equals(c.decision().collectionId(), endpoint)
                && Objects.equals(c.credentials(), credentials);
    }

    private static Cached keep(Mode mode, Sharing setting, String endpoint, List<String> roles, String reason,
                               Instant now, Duration ttl) {
        return new Cached(new Decision(mode, setting, endpoint, roles, reason, now), now.plus(ttl), null);
    }
}
