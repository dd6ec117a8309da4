package org.sregistry.crash;

import java.util.Random;

/**
 * When one cycle's SIGKILL lands, drawn from the seeded RNG.
 *
 * @param mode      what the kill is timed against
 * @param millis    BUSY: after the workload started; QUIET: after the workload went quiet; STARTUP: after launch;
 *                  AFTER_SUBMIT / DURING_IMPORT: after the trigger request reached the simulator
 * @param opsBudget operations per upload worker (-1 = until killed)
 * @param nth       OCI_WRITE: the kill follows the OCI worker's nth creating or committing request of the cycle
 */
record KillPlan(Mode mode, long millis, int opsBudget, int nth) {
    enum Mode {
        /** At a random moment of a busy workload. */
        BUSY,
        /** A few writes, all answered, then quiet for up to 3 s (the "one upload, 3 s, kill"). */
        QUIET,
        /** Within 20 ms of Globus being asked to start a transfer (submit accepted, ledger not yet written). */
        AFTER_SUBMIT,
        /** Within 80 ms of the import task reading a finished pull (add, ledger update, staged file removal). */
        DURING_IMPORT,
        /** While the server starts (recovery, migrations, plugin start). */
        STARTUP,
        /**
         * Within 30 ms of the OCI worker's nth request that creates or commits something (session POST, blob PUT,
         * monolithic POST, manifest PUT, DELETE): session files, blob renames, manifest and tag rows.
         */
        OCI_WRITE
    }

    /** How long a triggered kill waits for its trigger before it fires anyway. */
    static final long TRIGGER_BOUND_MILLIS = 6000;

    /** The next plan whose mode is in {@code modes} (all modes: the usual mix). */
    static KillPlan draw(Random rng, java.util.Set<Mode> modes) {
        while (true) {
            KillPlan plan = draw(rng);
            if (modes.contains(plan.mode())) {
                return plan;
            }
        }
    }

    private static KillPlan draw(Random rng) {
        int r = rng.nextInt(100);
        if (r < 35) {
            return new KillPlan(Mode.BUSY, 150 + rng.nextInt(2350), -1, 0);
        }
        if (r < 45) {
            return new KillPlan(Mode.OCI_WRITE, rng.nextInt(31), -1, 1 + rng.nextInt(8));
        }
        if (r < 65) {
            return new KillPlan(Mode.QUIET, 300 + rng.nextInt(2700), 1 + rng.nextInt(3), 0);
        }
        if (r < 80) {
            return new KillPlan(Mode.AFTER_SUBMIT, rng.nextInt(21), -1, 0);
        }
        if (r < 95) {
            return new KillPlan(Mode.DURING_IMPORT, rng.nextInt(81), -1, 0);
        }
        return new KillPlan(Mode.STARTUP, 200 + rng.nextInt(3300), 0, 0);
    }

    /** The simulator route whose next request triggers the kill, or null. */
    String trigger() {
        return switch (mode) {
            case AFTER_SUBMIT -> SimulatedGlobus.SUBMIT;
            case DURING_IMPORT -> SimulatedGlobus.SUCCESSFUL_TRANSFERS;
            default -> null;
        };
    }

    /** OCI writes this cycle (-1 = until killed). */
    int ociBudget(Random rng) {
        return switch (mode) {
            case QUIET -> 1 + rng.nextInt(2);
            case STARTUP -> 0;
            default -> -1;
        };
    }

    /** Globus operations this cycle. */
    int globusBudget(Random rng) {
        return switch (mode) {
            case QUIET -> rng.nextInt(2);
            case STARTUP -> 0;
            default -> 3;
        };
    }
}
