package org.sregistry.globus.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sregistry.globus.client.Endpoint;
import org.sregistry.globus.client.EndpointScope;
import org.sregistry.globus.client.EndpointSearch;
import org.sregistry.globus.client.TransferClient;

/**
 * The numbered endpoints table {@code update-tokens} prints after a login, as the original did:
 * {@code N. <id> [my-endpoints] <display name>}, own endpoints first, then those shared with the admin.
 */
final class EndpointsTable {
    private static final EndpointScope[] SCOPES = {EndpointScope.MY_ENDPOINTS, EndpointScope.SHARED_WITH_ME};

    private EndpointsTable() {
    }

    /** Prints the table; answers how many rows it printed. */
    static int print(TransferClient transfer, PrintWriter out) {
        Set<String> seen = new LinkedHashSet<>();
        int n = 0;
        for (EndpointScope scope : SCOPES) {
            for (Endpoint e : transfer.searchEndpoints(EndpointSearch.scope(scope))) {
                if (e.id() != null && seen.add(e.id())) {
                    n++;
                    out.println(n + ". " + e.id() + " [" + scope.value() + "] " + oneLine(e.name()));
                }
            }
        }
        return n;
    }

    /** Names come from Globus: keep them on one line so they cannot forge table rows. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
    }
}
