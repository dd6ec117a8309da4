package org.sregistry.globus.imports;

import java.util.Optional;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.globus.transfers.Submitter;

/** For tests below the host: every user exists and may do everything; audit events are dropped. */
final class OpenAccess implements Access {
    static final OpenAccess INSTANCE = new OpenAccess();
    static final AuditLog NO_AUDIT = (action, target, details) -> { };
    static final Submitter ADMIN = new Submitter("admin", uri -> true, collection -> true);

    @Override
    public Optional<Caller> caller() {
        return Optional.of(new Caller("admin", "", true));
    }

    @Override
    public Optional<Caller> user(String username) {
        return Optional.of(new Caller(username, "", true));
    }

    @Override
    public boolean mayPull(Caller caller, String imageUri) {
        return true;
    }

    @Override
    public boolean mayPush(Caller caller, String collection) {
        return true;
    }

    @Override
    public boolean mayManage(Caller caller, String collection) {
        return true;
    }
}
