package org.sregistry.globus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.endpoints.EndpointRow;

/** The new templates escape what comes from Globus (names, paths, messages). */
class BrowseTemplateTest {
    private static final String XSS = "<script>alert(1)</script>";
    private final Templates templates = new Templates();

    @Test
    void endpointRowsAreText() {
        EndpointRow row = new EndpointRow("3a42f43c-1744-40dc-9b16-753d8e1589fa", XSS, "my-endpoints", XSS, XSS, XSS,
                "GCSv5_mapped_collection", "active", XSS, "/~/", false);
        String html = templates.render("endpoints.jte", new EndpointsModel(true, null, List.of(row), null, true, 3,
                null));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "(from cache)");
    }

    @Test
    void listingEntriesImagesAndProblemsAreText() {
        BrowseModel model = new BrowseModel("<input name=\"_csrf\">", "3a42f43c-1744-40dc-9b16-753d8e1589fa", XSS,
                "active", false, "/~/", List.of(new BrowseModel.Crumb(XSS, "/globus/x?path=%2F")), null,
                List.of(new BrowseModel.Entry(XSS + ".sif", false, null, "/~/" + XSS + ".sif", "1 B", "—", true)),
                null, null, List.of(new BrowseModel.Image("demo/a:b@sha256:00", "1 B", true)), null, true);
        String html = templates.render("browse.jte", model);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;", "class=\"image-file\"", "checked",
                "name=\"_csrf\"");
        BrowseModel failed = new BrowseModel("", "3a42f43c-1744-40dc-9b16-753d8e1589fa", "n", null, false, null,
                List.of(), null, List.of(), "Globus said " + XSS, "/globus/consent/x", List.of(), null, true);
        assertThat(templates.render("browse.jte", failed)).doesNotContain("<script>")
                .contains("id=\"globus-grant-access\"", "Globus said &lt;script&gt;");
    }
}
