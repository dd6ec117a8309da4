package org.sregistry.globus.sharing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.client.AccessRuleClient;

/** One simulator per test class ({@link SharingWorld}), a fresh guest collection and fresh request counts per test. */
abstract class SharingSimTestBase {

    @TempDir
    static Path dir;
    static SharingWorld world;
    /** The service identity's access rule client. */
    static AccessRuleClient service;
    /** This test's guest collection, owned by the service identity. */
    String guest;

    @BeforeAll
    static void startWorld() throws Exception {
        world = new SharingWorld(dir);
        service = world.rules(world.service);
    }

    @AfterAll
    static void stopWorld() {
        world.close();
    }

    @BeforeEach
    void freshCollection() {
        guest = world.newGuestCollection();
        world.sim.resetStats();
    }
}
