package org.sregistry.globus.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.sregistry.api.Access;
import org.sregistry.api.SignInGrants;

/** The host's sign-in grants as a test sets them up: grants to hand over, a refresh answer, the revoked tokens. */
final class FakeSignInGrants implements SignInGrants {
    final Deque<Grant> waiting = new ArrayDeque<>();
    final List<String> taken = new ArrayList<>();
    final List<String> revoked = new ArrayList<>();
    final List<String> refreshedWith = new ArrayList<>();
    RuntimeException takeFails;
    RuntimeException revokeFails;
    BiFunction<String, String, Grant> refresh = (rs, token) -> {
        throw new AssertionError("no refresh expected");
    };

    @Override
    public synchronized Optional<Grant> take(Access.Caller caller, String resourceServer) {
        taken.add(caller.username() + "/" + resourceServer);
        if (takeFails != null) {
            throw takeFails;
        }
        return Optional.ofNullable(waiting.poll());
    }

    @Override
    public synchronized Grant refresh(String resourceServer, String refreshToken) {
        refreshedWith.add(refreshToken);
        return refresh.apply(resourceServer, refreshToken);
    }

    @Override
    public synchronized void revoke(String token) {
        if (revokeFails != null) {
            throw revokeFails;
        }
        revoked.add(token);
    }
}
