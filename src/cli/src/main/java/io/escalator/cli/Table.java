package io.escalator.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Text in aligned columns: a table with a header row, or labelled fields ({@code Status:  SUCCEEDED}). Cells are
 * kept on one line; a {@code null} cell is shown as {@value Formats#NONE}. No line ends in spaces.
 */
final class Table {

    private static final String GAP = "  ";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final Set<Integer> rightAligned = new HashSet<>();

    private Table(List<String> header) {
        this.header = header;
    }

    /** A table with these column headings. */
    static Table of(String... header) {
        return new Table(List.of(header));
    }

    /** Label and value pairs, the labels followed by a colon. */
    static Table fields() {
        return new Table(null);
    }

    /** Aligns these columns (from 0) to the right, as numbers are. */
    Table alignRight(int... columns) {
        Arrays.stream(columns).forEach(rightAligned::add);
        return this;
    }

    Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? Formats.NONE : Formats.oneLine(cell.toString())).toList());
        return this;
    }

    /** A field of a {@link #fields()} table; a field whose value is {@code null} is left out. */
    Table field(String label, Object value) {
        return value == null ? this : row(label + ":", value);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        List<List<String>> lines = new ArrayList<>();
        if (header != null) {
            lines.add(header);
        }
        lines.addAll(rows);
        int columns = lines.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                text.append(i == 0 ? "" : GAP);
                text.append(rightAligned.contains(i) ? padding + cell : cell + padding);
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
