package org.sregistry.api;

/**
 * Wraps a plugin's page body in the host layout (navigation, banners, CSS, htmx). Call it while
 * handling a request: the current user, CSRF token and plugin fragments come from that request.
 *
 * <p>The body is any HTML the plugin made, so a plugin renders it with whatever it likes: by hand with
 * {@link Html#escape}, or with its own template engine. With JTE (the host's engine; {@code jte-runtime} is
 * {@code provided}, see {@code registry-bom}), precompile the templates with {@code jte-maven-plugin}
 * (same version as {@code jte-runtime}, goal {@code generate}, {@code contentType} {@code Html}, a package of the
 * plugin's own) and load them with the plugin's class loader, so that they are found inside the plugin jar and
 * every {@code ${...}} is escaped:
 *
 * <pre>{@code
 * TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
 *         MyPage.class.getClassLoader(), "org.example.my.jte");    // the plugin's package of generated templates
 *
 * @GET @Produces(MediaType.TEXT_HTML)
 * public String page() {
 *     StringOutput body = new StringOutput();
 *     engine.render("jobs.jte", new JobsModel(jobs, context.pages().csrfField()), body);
 *     return context.pages().render("Jobs", body.toString());
 * }
 * }</pre>
 *
 * <p>The body goes into the layout's {@code <main>}: no {@code <html>}, {@code <head>} or {@code <body>} of its
 * own (stylesheets go through {@link UiSlots#HEAD}). Forms that post carry {@link #csrfField()}.
 */
public interface PageRenderer {

    /**
     * The complete HTML page.
     *
     * @param title    the page title (escaped by the host)
     * @param bodyHtml the body, already escaped by the plugin
     */
    String render(String title, String bodyHtml);

    /** The CSRF token of the current session, to put into forms as field {@code _csrf}. */
    String csrfToken();

    /** A hidden form field carrying the CSRF token, ready to put into a {@code <form>}. */
    default String csrfField() {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.escape(csrfToken()) + "\">";
    }
}
