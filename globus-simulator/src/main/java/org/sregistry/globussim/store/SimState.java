package org.sregistry.globussim.store;

import java.util.ArrayList;
import java.util.List;

/** The persisted snapshot of identities, endpoints and tokens ({@code state.json} in the data dir). */
public final class SimState {
    public List<Identity> identities = new ArrayList<>();
    public List<Endpoint> endpoints = new ArrayList<>();
    public List<TokenRecord> tokens = new ArrayList<>();
}
