package org.sregistry.globussim.transfer;

import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.TokenRecord;

/** The authenticated identity behind a Transfer request, with the token it used (for consent checks). */
public record Caller(Identity identity, TokenRecord token) {
    public String id() { return identity.id; }

    public boolean hasConsentFor(String collectionId) {
        return token.consents.contains(collectionId);
    }
}
