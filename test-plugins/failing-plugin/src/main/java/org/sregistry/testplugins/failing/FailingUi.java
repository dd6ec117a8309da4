package org.sregistry.testplugins.failing;

import org.pf4j.Extension;
import org.sregistry.api.UiContext;
import org.sregistry.api.UiContributor;

/** Would add a nav link if the plugin ever started. */
@Extension
public class FailingUi implements UiContributor {
    @Override
    public String fragment(String slot, UiContext context) {
        return "nav".equals(slot) ? "<li id=\"failing-nav\">failing</li>" : null;
    }
}
