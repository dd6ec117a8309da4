package org.sregistry.crash;

import java.util.function.BooleanSupplier;

/**
 * What every worker of one cycle shares: the cycle's number, the server's API, the figures, and whether the cycle
 * is over (the process was killed).
 */
record CycleContext(int cycle, RegistryApi api, Figures figures, BooleanSupplier stopped) {

    boolean over() {
        return stopped.getAsBoolean();
    }

    /** A surprising answer, printed with the progress (a refusal or a 5xx is not a failure by itself). */
    void note(String what) {
        System.out.printf("cycle %3d  note: %s%n", cycle, what);
    }
}
