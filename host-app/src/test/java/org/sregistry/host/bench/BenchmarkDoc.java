package org.sregistry.host.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one benchmark's section of docs/BENCHMARKS.md: the text between its
 * {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->} markers is replaced, or the section is
 * appended when the markers are not there yet. The section text carries the markers itself.
 */
final class BenchmarkDoc {
    private BenchmarkDoc() {
    }

    /** {@code <!-- name:begin -->} */
    static String begin(String name) {
        return "<!-- " + name + ":begin -->";
    }

    /** {@code <!-- name:end -->} */
    static String end(String name) {
        return "<!-- " + name + ":end -->";
    }

    /** Puts {@code section} (which starts with {@link #begin} and ends with {@link #end}) into {@code doc}. */
    static void writeSection(Path doc, String name, String section) throws IOException {
        String text = Files.readString(doc);
        int b = text.indexOf(begin(name));
        int e = text.indexOf(end(name));
        String updated = b >= 0 && e > b
                ? text.substring(0, b) + section.strip() + text.substring(e + end(name).length())
                : text + (text.endsWith("\n") ? "\n" : "\n\n") + section.strip() + "\n";
        Files.writeString(doc, updated);
    }
}
