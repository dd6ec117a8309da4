package org.sregistry.globus.imports;

import org.slf4j.Logger;

/**
 * Says once, in one line, why the import task cannot work (no endpoint, not logged in, login
 * expired) and once when it can again, rather than the same line every tick.
 */
final class NotConnectedNotice {
    private final Logger log;
    private String lastReason;

    NotConnectedNotice(Logger log) {
        this.log = log;
    }

    synchronized void notConnected(String reason) {
        if (!reason.equals(lastReason)) {
            log.info("globus-import: nothing to do: {}", reason);
            lastReason = reason;
        } else {
            log.debug("globus-import: still {}", reason);
        }
    }

    synchronized void connected() {
        if (lastReason != null) {
            log.info("globus-import: Globus is connected again; checking transfers");
            lastReason = null;
        }
    }
}
