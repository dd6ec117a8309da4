package org.sregistry.globus.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test and benchmark switches, read from JVM system properties (never from the registry's
 * configuration, so an admin cannot trip them by accident):
 * <ul>
 *   <li>{@value #CRASH_AFTER_ADD}{@code =true} — <b>test only</b>: halt the JVM right after an arrived
 *       file was added to the registry and before the ledger records it, to prove that a restart
 *       finds the work done (one image, no orphan blob). Used by {@code CrashAfterAddIT}.</li>
 *   <li>{@value #FAST_PATH}{@code =false} — turn the fast path off (poll only the task list every
 *       {@code PLUGIN_GLOBUS_POLL_SECONDS}); the import-latency benchmark compares both.</li>
 * </ul>
 */
public final class ImportTestHooks {
    /** System property: halt after add, before the ledger commit (tests only). */
    public static final String CRASH_AFTER_ADD = "sregistry.globus.test.crashAfterAdd";
    /** System property: {@code false} disables the fast path. */
    public static final String FAST_PATH = "sregistry.globus.import.fastPath";
    /** Exit status of the simulated crash. */
    public static final int CRASH_STATUS = 86;
    private static final Logger LOG = LoggerFactory.getLogger(ImportTestHooks.class);

    private ImportTestHooks() {
    }

    /** The hook between "added to the registry" and "ledger committed". */
    static void afterAdd() {
        if (Boolean.getBoolean(CRASH_AFTER_ADD)) {
            LOG.error("{} is set: halting the process after the registry add, before the ledger commit",
                    CRASH_AFTER_ADD);
            try {
                // let the embedded database write the add's commit (H2 does so within a second), so the
                // restart finds the image and has to prove it does not add it twice
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(CRASH_STATUS);
        }
    }

    /** Whether the fast path is on (default). */
    static boolean fastPath() {
        return !"false".equalsIgnoreCase(System.getProperty(FAST_PATH, "true"));
    }
}
