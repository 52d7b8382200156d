package io.rollstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table of results, so figures measured in one run can be read side by side. The first column
 * is left-aligned (labels), the others right-aligned (numbers).
 *
 * @param header column titles
 * @param rows   cells, one list per row, each as long as the header
 */
public record BenchTable(List<String> header, List<List<String>> rows) {

    public BenchTable {
        header = List.copyOf(Objects.requireNonNull(header, "header"));
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : Objects.requireNonNull(rows, "rows")) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, the header "
                        + header.size());
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** A two-column table of figures: name and value with its unit. */
    public static BenchTable of(List<Figure> figures) {
        List<List<String>> rows = new ArrayList<>();
        for (Figure figure : figures) {
            rows.add(List.of(figure.name(), figure.formattedValue(), figure.unit()));
        }
        return new BenchTable(List.of("figure", "value", "unit"), rows);
    }

    /** The table as lines of text, columns padded to their widest cell. */
    public String render() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(c == 0 ? "" : " | ").append(c == 0 ? cell + pad : pad + cell);
        }
        out.append('\n');
    }
}
