package ${package};

import org.pf4j.Extension;
import org.sregistry.api.UiContext;
import org.sregistry.api.UiContributor;
import org.sregistry.api.UiSlots;

/**
 * Fragments of HTML the host puts into its own pages: a link in the navigation (the nav slot takes an
 * {@code <li>}) and the stylesheet from the assets folder, served at /static/${pluginId}/. A slot the plugin has
 * nothing for answers null.
 */
@Extension
public class ${classPrefix}Ui implements UiContributor {

    @Override
    public String fragment(String slot, UiContext page) {
        return switch (slot) {
            case UiSlots.NAV -> "<li><a id=\"${pluginId}-nav\" href=\"/${pluginId}\">${classPrefix}</a></li>";
            case UiSlots.HEAD -> "<link rel=\"stylesheet\" href=\"/static/${pluginId}/${pluginId}.css\">";
            default -> null;
        };
    }

    @Override
    public String assetsFolder() {
        return "assets";
    }
}
