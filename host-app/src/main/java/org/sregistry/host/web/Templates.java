package org.sregistry.host.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/** The host's precompiled, auto-escaping JTE templates ({@code src/main/jte}). */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "org.sregistry.host.web.jte");

    /** Renders {@code name} (e.g. {@code "home.jte"}) with its single parameter {@code model}. */
    public String render(String name, Object model) {
        StringOutput out = new StringOutput();
        engine.render(name, model, out);
        return out.toString();
    }
}
