package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sregistry.api.PluginConfig;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.config.GlobusSettings.Sharing;
import org.sregistry.globussim.EndpointSpec;

/** {@link SharingMode}: the setting, the collection's entity type and the service identity's roles. */
class SharingModeSimTest extends SharingSimTestBase {

    static final String GET_ENDPOINT = "GET /transfer/v0.10/endpoint/{endpoint_id}";

    final Map<String, String> values = new HashMap<>();
    final GlobusSettings settings = new GlobusSettings(new PluginConfig() {
        @Override
        public Optional<String> find(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void set(String key, String value) {
            values.put(key, value);
        }
    }, Path.of("/srv/registry"));
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void endpointIsTheGuestCollection() {
        values.put(GlobusKeys.ENDPOINT, guest);
        values.put(GlobusKeys.STAGING_PATH, "/"); // the guest collection's root is the staging folder
    }

    SharingMode mode(Supplier<TransferClient> client) {
        return new SharingMode(settings, client, clock);
    }

    void later(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void autoIsGuestOnAGuestCollectionTheServiceIdentityAdministersAndIsKeptTenMinutes() {
        TransferClient svc = world.transfer(world.service);
        SharingMode mode = mode(() -> svc);
        SharingMode.Decision d = mode.current();
        assertThat(d.guest()).isTrue();
        assertThat(d.setting()).isEqualTo(Sharing.AUTO);
        assertThat(d.collectionId()).isEqualTo(guest);
        assertThat(d.roles()).containsExactly("administrator");
        assertThat(d.reason()).isEqualTo("guest collection " + guest + ", role administrator");
        assertThat(d.decidedAt()).isEqualTo(now.get());

        later(Duration.ofMinutes(9));
        assertThat(mode.current()).isSameAs(d);
        assertThat(world.sim.requestCount(GET_ENDPOINT)).isEqualTo(1);
        later(Duration.ofMinutes(1));
        assertThat(mode.current().guest()).isTrue();
        assertThat(world.sim.requestCount(GET_ENDPOINT)).isEqualTo(2);
    }

    @Test
    void autoIsOffWithoutAManagementRoleUntilOneIsGranted() {
        TransferClient bobs = world.transfer(world.bob);
        SharingMode mode = mode(() -> bobs);
        SharingMode.Decision off = mode.current();
        assertThat(off.guest()).isFalse();
        assertThat(off.reason()).contains("neither administrator nor access_manager", guest, "its roles: none");

        world.sim.createGuestCollection(EndpointSpec.named(null).id(guest).role("access_manager", "bob@sim"));
        assertThat(mode.current()).as("still the kept decision").isSameAs(off);
        later(SharingMode.TTL);
        SharingMode.Decision on = mode.current();
        assertThat(on.guest()).isTrue();
        assertThat(on.roles()).containsExactly("access_manager");
        assertThat(on.reason()).endsWith("role access_manager");
    }

    @Test
    void autoIsOffOnAMappedCollection() {
        values.put(GlobusKeys.ENDPOINT, world.mapped);
        TransferClient svc = world.transfer(world.service);
        SharingMode.Decision d = mode(() -> svc).current();
        assertThat(d.guest()).isFalse();
        assertThat(d.reason()).isEqualTo("collection " + world.mapped + " is a GCSv5_mapped_collection, not a "
                + "GCSv5_guest_collection");
    }

    @Test
    void offAndGuestAreTakenAsSetAndNoEndpointIsOff() {
        TransferClient bobs = world.transfer(world.bob);
        SharingMode mode = mode(() -> bobs);
        values.put(GlobusKeys.SHARING, "off");
        assertThat(mode.current().guest()).isFalse();
        assertThat(mode.current().reason()).isEqualTo("PLUGIN_GLOBUS_SHARING is off");
        values.put(GlobusKeys.SHARING, "guest");
        assertThat(mode.current().guest()).as("a changed setting applies at once").isTrue();
        assertThat(mode.current().reason()).isEqualTo("PLUGIN_GLOBUS_SHARING is guest");
        assertThat(world.sim.requestCount(GET_ENDPOINT)).isZero();

        values.remove(GlobusKeys.ENDPOINT);
        assertThat(mode.current().guest()).isFalse();
        assertThat(mode.current().reason()).isEqualTo("PLUGIN_GLOBUS_ENDPOINT is not set");
        assertThat(mode.current().collectionId()).isNull();
    }

    @Test
    void whenGlobusCannotSayItIsOffAndAskedAgainAfterAMinute() {
        values.put(GlobusKeys.ENDPOINT, "5e1b2c3d-0000-4000-8000-000000000000");
        TransferClient svc = world.transfer(world.service);
        SharingMode mode = mode(() -> svc);
        SharingMode.Decision d = mode.current();
        assertThat(d.guest()).isFalse();
        assertThat(d.reason()).contains("EndpointNotFound");
        later(Duration.ofSeconds(59));
        mode.current();
        assertThat(world.sim.requestCount(GET_ENDPOINT)).isEqualTo(1);
        later(Duration.ofSeconds(1));
        mode.current();
        assertThat(world.sim.requestCount(GET_ENDPOINT)).isEqualTo(2);

        values.put(GlobusKeys.ENDPOINT, guest); // a changed endpoint is decided anew at once
        SharingMode noConnection = mode(() -> {
            throw new IllegalStateException("no tokens stored");
        });
        assertThat(noConnection.current().reason()).isEqualTo("the registry has no usable Globus connection "
                + "(no tokens stored)");
        assertThat(mode.current().guest()).isTrue();
    }

    @Test
    void aNewServiceLoginDecidesAgainAtOnceNotAMinuteLater() {
        // before the service connection is logged in, auto is off (kept a minute: Globus could not be asked) ...
        AtomicReference<Object> credentials = new AtomicReference<>(null);
        AtomicReference<TransferClient> client = new AtomicReference<>(null);
        SharingMode mode = new SharingMode(settings, () -> {
            if (client.get() == null) {
                throw new IllegalStateException("no tokens stored");
            }
            return client.get();
        }, credentials::get, clock);
        assertThat(mode.current().guest()).isFalse();
        assertThat(mode.current().reason()).contains("no usable Globus connection");
        // ... and the login that writes its tokens is seen by the next request, with no time passed
        client.set(world.transfer(world.service));
        assertThat(mode.current().guest()).as("same credentials: the kept decision").isFalse();
        credentials.set(Instant.parse("2030-01-01T00:00:01Z"));
        assertThat(mode.current().guest()).isTrue();
        assertThat(mode.current().guest()).isTrue();
        assertThat(world.sim.requestCount(GET_ENDPOINT)).as("asked once, then kept").isEqualTo(1);
    }

    @Test
    void invalidateDecidesAgain() {
        TransferClient svc = world.transfer(world.service);
        SharingMode mode = mode(() -> svc);
        mode.current();
        mode.invalidate();
        mode.current();
        assertThat(world.sim.requestCount(GET_ENDPOINT)).isEqualTo(2);
    }

    @Test
    void aStagingPathOtherThanTheRootKeepsItOffEvenWhenForced() {
        values.put(GlobusKeys.STAGING_PATH, "/staging/");
        values.put(GlobusKeys.SHARING, "guest");
        SharingMode.Decision decision = mode(() -> world.transfer(world.service)).current();
        assertThat(decision.guest()).isFalse();
        assertThat(decision.reason()).contains("PLUGIN_GLOBUS_STAGING_PATH is /staging/, not /");
    }
}
