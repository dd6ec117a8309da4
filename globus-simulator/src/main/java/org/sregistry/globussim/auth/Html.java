package org.sregistry.globussim.auth;

/** Minimal HTML escaping and page chrome for the few pages the simulator renders. */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto}code{font-size:1.3em;"
                + "background:#eee;padding:.3em}</style></head><body><h1>" + esc(title) + "</h1>" + body
                + "<p><small>Globus simulator (not the real Globus)</small></p></body></html>";
    }
}
