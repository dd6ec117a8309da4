package org.sregistry.globus.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The plugin's precompiled, auto-escaping JTE templates ({@code src/main/jte}, generated into
 * {@code org.sregistry.globus.web.jte}). Every {@code ${...}} is HTML-escaped, which is what keeps names and
 * messages that come from Globus inert.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "org.sregistry.globus.web.jte");

    /** Renders {@code name} (e.g. {@code "globus.jte"}) with its single parameter {@code model}. */
    public String render(String name, Object model) {
        StringOutput out = new StringOutput();
        engine.render(name, model, out);
        return out.toString();
    }
}
