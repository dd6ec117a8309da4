package org.sregistry.testplugins.sample;

import org.pf4j.Extension;
import org.sregistry.api.Html;
import org.sregistry.api.PluginContext;
import org.sregistry.api.UiContext;
import org.sregistry.api.UiContributor;
import org.sregistry.api.UiSlots;

/** Fragments for every slot, and a stylesheet asset. */
@Extension
public class SampleUi implements UiContributor {
    private final PluginContext context;

    public SampleUi(PluginContext context) {
        this.context = context;
    }

    @Override
    public String fragment(String slot, UiContext page) {
        return switch (slot) {
            case UiSlots.NAV -> "<li><a id=\"sample-nav\" href=\"/sample\">Sample</a></li>";
            case UiSlots.HEAD -> "<link rel=\"stylesheet\" href=\"/static/sample/sample.css\">";
            case UiSlots.HOME_PANELS -> {
                if (context.config().getBoolean("PLUGIN_SAMPLE_BREAK_UI")) {
                    throw new IllegalStateException("sample panel exploded");
                }
                yield "<article id=\"sample-panel\" class=\"sample-panel\">Sample panel</article>";
            }
            case UiSlots.CONTAINER_ACTIONS -> "<a id=\"sample-action\" href=\"/sample?uri="
                    + Html.escape(page.containerUri().orElse("")) + "\">Sample action</a>";
            case UiSlots.SETTINGS_SECTIONS -> "<section id=\"sample-settings\"><h3>Sample section</h3></section>";
            default -> null;
        };
    }

    @Override
    public String assetsFolder() {
        return "assets";
    }
}
