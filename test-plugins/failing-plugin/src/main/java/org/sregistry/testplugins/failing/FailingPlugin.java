package org.sregistry.testplugins.failing;

import org.pf4j.Plugin;

/** A plugin that cannot start: the host must mark it failed and keep serving. */
public class FailingPlugin extends Plugin {
    @Override
    public void start() {
        throw new IllegalStateException("failing plugin refuses to start");
    }
}
