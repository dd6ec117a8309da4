package org.sregistry.globus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The READMEs render their tables: every run of {@code |} lines is a header, a {@code |---|} separator and rows with
 * as many cells as the header (a paragraph dropped between rows turns the rest of a table into stray text).
 */
class ReadmeTablesTest {
    @ParameterizedTest
    @ValueSource(strings = {"README.md", "../README.md", "../globus-simulator/README.md"})
    void everyTableHasAHeaderASeparatorAndRowsOfTheSameWidth(String file) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(file));
        List<String> problems = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("```")) {
                inFence = !inFence;
            }
            if (inFence || !isRow(lines.get(i)) || (i > 0 && isRow(lines.get(i - 1)))) {
                continue;
            }
            int start = i;
            int end = i;
            while (end + 1 < lines.size() && isRow(lines.get(end + 1))) {
                end++;
            }
            if (end == start || !lines.get(start + 1).matches("\\s*\\|(\\s*:?-{3,}:?\\s*\\|)+\\s*")) {
                problems.add(file + ":" + (start + 1) + ": table rows without a header and a |---| separator: "
                        + lines.get(start));
                continue;
            }
            int width = cells(lines.get(start));
            for (int r = start + 1; r <= end; r++) {
                if (cells(lines.get(r)) != width) {
                    problems.add(file + ":" + (r + 1) + ": " + cells(lines.get(r)) + " cells, the header has " + width);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean isRow(String line) {
        return line.trim().startsWith("|");
    }

    /** Cells of a row; a {@code |} inside a code span or escaped as {@code \|} does not split. */
    private static int cells(String row) {
        String line = row.trim();
        int count = 0;
        boolean code = false;
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '`') {
                code = !code;
            } else if (c == '|' && !code && line.charAt(i - 1) != '\\') {
                count++;
            }
        }
        return count;
    }
}
