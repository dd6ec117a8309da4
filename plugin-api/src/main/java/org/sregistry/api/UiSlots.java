package org.sregistry.api;

import java.util.List;

/**
 * The named places in host pages where plugins may add HTML fragments ({@link UiContributor#fragment}). Each slot
 * sits inside a fixed element of the host's markup, so each expects its own kind of element; the fragments of all
 * started plugins are joined in plugin id order. Markup that does not fit (a {@code <div>} in {@link #NAV}) breaks
 * the page's layout rather than failing, so follow the expectation of each slot. Scripts and styles come from the
 * plugin's assets (the Content-Security-Policy forbids inline ones).
 *
 * <pre>{@code
 * return switch (slot) {
 *     case UiSlots.NAV -> "<li><a href=\"/my\">My plugin</a></li>";
 *     case UiSlots.HEAD -> "<link rel=\"stylesheet\" href=\"/static/my/my.css\">";
 *     default -> null;
 * };
 * }</pre>
 */
public final class UiSlots {
    /**
     * Links in the top navigation bar, after "Images", for signed-in users only. Inside the bar's {@code <ul>}:
     * one or more {@code <li>} elements, e.g. {@code <li><a href="/my">My plugin</a></li>}.
     */
    public static final String NAV = "nav";
    /**
     * Panels at the top of the home page, above the image list, inside {@code <main>}: block elements, by
     * convention one {@code <article>} per plugin (e.g. {@code <article><h3>Transfers</h3>…</article>}).
     */
    public static final String HOME_PANELS = "home.panels";
    /**
     * Actions on a container's page, in its row of buttons after "Download" ({@code <div class="actions">});
     * {@link UiContext#containerUri()} names the image. Inline elements: {@code <a role="button" href="…">} links,
     * or {@code <form class="inline" method="post">} forms with their CSRF field and a {@code <button>}.
     */
    public static final String CONTAINER_ACTIONS = "container.actions";
    /**
     * Sections at the end of the settings page (administrators only), inside {@code <main>}: one
     * {@code <section>} per plugin, with an {@code <h2>} or {@code <h3>} heading.
     */
    public static final String SETTINGS_SECTIONS = "settings.sections";
    /**
     * Extra tags at the end of every page's {@code <head>}: {@code <link rel="stylesheet">} and
     * {@code <script src="…" defer>} pointing at the plugin's assets ({@code /static/<id>/…}), or {@code <meta>}.
     * Shown on every page, signed in or not.
     */
    public static final String HEAD = "head";

    /** Every slot, in page order. */
    public static final List<String> ALL = List.of(HEAD, NAV, HOME_PANELS, CONTAINER_ACTIONS, SETTINGS_SECTIONS);

    private UiSlots() {
    }
}
