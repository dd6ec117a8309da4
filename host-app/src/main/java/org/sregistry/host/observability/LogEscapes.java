package org.sregistry.host.observability;

/**
 * Makes a logged text one line that cannot pass for another: CR, LF, tab and every other C0 control, DEL, the C1
 * controls (NEL U+0085 among them) and the Unicode line and paragraph separators become visible escapes
 * ({@code \n}, {@code \r}, {@code \t}, {@code \u2028}, …). Applied by the log layout to every message, so a value
 * that came from outside — a Globus failure reason, an endpoint or file name, a path, anything a user typed —
 * can never start a line of its own in {@code registry.log} or on {@code /logs}, whichever plugin logs it.
 */
public final class LogEscapes {
    private LogEscapes() {
    }

    /** The text with control characters escaped; the same text when it has none. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstControl(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** C0, DEL, C1, and the two Unicode separators that editors and browsers break lines at. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
