package io.rollstream.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of an experiment comparing policies, drawn with XChart (headless: no display needed), 900×520.
 */
public final class ExperimentCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int RAW_ALPHA = 60;
    private static final BasicStroke INTERVAL_LINE =
            new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f, new float[] {5.0f, 4.0f}, 0.0f);

    private ExperimentCharts() {
    }

    /**
     * One line per arm of an estimate over attempts k = 1..K, with markers, and the ends of its 95% interval as
     * thin dashed lines of the same colour. Rows holding NaN are left out.
     *
     * @param arms   the arm names, shown in the legend
     * @param perArm for each arm, a double[K][3] of {mean, low, high} for k = 1..K, in the unit of the y axis
     * @return the file written (with ".png" appended when it was missing)
     */
    public static Path intervalsByK(Path file, String title, String yTitle, List<String> arms,
                                    List<double[][]> perArm) {
        return intervalsOver(file, title, "attempts k", yTitle, arms, perArm);
    }

    /**
     * As {@link #intervalsByK}, over any x = 1..n ({@code xTitle} says what the positions are).
     *
     * @param perArm for each arm, a double[n][3] of {mean, low, high} for x = 1..n
     */
    public static Path intervalsOver(Path file, String title, String xTitle, String yTitle, List<String> arms,
                                     List<double[][]> perArm) {
        int maxK = perArm.stream().mapToInt(rows -> rows.length).max().orElse(1);
        double[] x = new double[maxK];
        for (int k = 0; k < maxK; k++) {
            x[k] = k + 1;
        }
        return intervalsAt(file, title, xTitle, yTitle, arms, x, perArm);
    }

    /**
     * As {@link #intervalsOver}, row i of every arm drawn at {@code x[i]} (e.g. training steps).
     *
     * @param x      increasing positions, at least as many as the longest arm's rows
     * @param perArm for each arm, a double[n][3] of {mean, low, high} at x[0..n-1]
     */
    public static Path intervalsAt(Path file, String title, String xTitle, String yTitle, List<String> arms,
                                   double[] x, List<double[][]> perArm) {
        if (arms.size() != perArm.size()) {
            throw new IllegalArgumentException(arms.size() + " arm names for " + perArm.size() + " arms");
        }
        int longest = perArm.stream().mapToInt(rows -> rows.length).max().orElse(1);
        if (x.length < longest) {
            throw new IllegalArgumentException(x.length + " positions for rows of up to " + longest);
        }
        XYChart chart = chart(title, xTitle, yTitle);
        chart.getStyler().setXAxisDecimalPattern("0");
        double margin = 0.2 * (longest > 1 ? (x[longest - 1] - x[0]) / (longest - 1) : 1);
        chart.getStyler().setXAxisMin(x[0] - margin);
        chart.getStyler().setXAxisMax(x[longest - 1] + margin);
        for (int a = 0; a < arms.size(); a++) {
            long complete = Arrays.stream(perArm.get(a)).filter(ExperimentCharts::complete).count();
            double[][] columns = new double[4][(int) complete];
            int kept = 0;
            for (int k = 0; k < perArm.get(a).length; k++) {
                double[] row = perArm.get(a)[k];
                if (complete(row)) {
                    columns[0][kept] = x[k];
                    columns[1][kept] = row[0];
                    columns[2][kept] = row[1];
                    columns[3][kept] = row[2];
                    kept++;
                }
            }
            if (kept == 0) {
                continue;
            }
            Color colour = colour(chart, a);
            String name = arms.get(a);
            XYSeries mean = chart.addSeries(name, columns[0], columns[1]);
            mean.setMarker(SeriesMarkers.CIRCLE);
            mean.setMarkerColor(colour);
            mean.setLineColor(colour);
            intervalEnd(chart.addSeries(name + " (95% low)", columns[0], columns[2]), colour);
            intervalEnd(chart.addSeries(name + " (95% high)", columns[0], columns[3]), colour);
        }
        return save(chart, file);
    }

    /**
     * One estimate per arm, side by side: a marker at the mean and a vertical line over its 95% interval, the arm
     * named under its position. Arms whose row holds NaN are left out.
     *
     * @param perArm for each arm, {mean, low, high} in the unit of the y axis
     * @return the file written (with ".png" appended when it was missing)
     */
    public static Path intervalsPerArm(Path file, String title, String yTitle, List<String> arms,
                                       List<double[]> perArm) {
        if (arms.size() != perArm.size()) {
            throw new IllegalArgumentException(arms.size() + " arm names for " + perArm.size() + " arms");
        }
        XYChart chart = chart(title, "", yTitle);
        chart.getStyler().setXAxisMin(0.5);
        chart.getStyler().setXAxisMax(arms.size() + 0.5);
        chart.getStyler().setXAxisTickMarkSpacingHint(WIDTH / (arms.size() + 1));
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            long i = Math.round(x);
            return Math.abs(x - i) < 1e-9 && i >= 1 && i <= arms.size() ? arms.get((int) i - 1) : "";
        });
        for (int a = 0; a < arms.size(); a++) {
            double[] row = perArm.get(a);
            if (!complete(row)) {
                continue;
            }
            Color colour = colour(chart, a);
            double x = a + 1;
            XYSeries mean = chart.addSeries(arms.get(a), new double[] {x}, new double[] {row[0]});
            mean.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            mean.setMarker(SeriesMarkers.DIAMOND);
            mean.setMarkerColor(colour);
            XYSeries interval = chart.addSeries(arms.get(a) + " (95%)", new double[] {x, x},
                    new double[] {row[1], row[2]});
            interval.setMarker(SeriesMarkers.NONE);
            interval.setLineColor(colour);
            interval.setLineWidth(3.0f);
            interval.setShowInLegend(false);
        }
        return save(chart, file);
    }

    /**
     * One smoothed line per series, with its raw points faint behind it. The line is the centred
     * {@link #movingAverage moving average} of width {@code window} of the points sorted by x. Empty series are
     * skipped; points whose y is NaN are left out.
     *
     * @param series name → points as {x, y}
     * @return the file written (with ".png" appended when it was missing)
     */
    public static Path smoothedLines(Path file, String title, String xTitle, String yTitle,
                                     Map<String, double[][]> series, int window) {
        XYChart chart = chart(title, xTitle, yTitle);
        chart.getStyler().setMarkerSize(5);
        int index = -1;
        for (Map.Entry<String, double[][]> entry : series.entrySet()) {
            index++;
            double[][] points = Arrays.stream(entry.getValue()).filter(p -> !Double.isNaN(p[1]))
                    .sorted(Comparator.comparingDouble(p -> p[0])).toArray(double[][]::new);
            if (points.length == 0) {
                continue;
            }
            double[] x = Arrays.stream(points).mapToDouble(p -> p[0]).toArray();
            double[] y = Arrays.stream(points).mapToDouble(p -> p[1]).toArray();
            Color colour = colour(chart, index);
            XYSeries raw = chart.addSeries(entry.getKey() + " (raw)", x, y);
            raw.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            raw.setMarker(SeriesMarkers.CIRCLE);
            raw.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), RAW_ALPHA));
            raw.setShowInLegend(false);
            XYSeries smooth = chart.addSeries(entry.getKey(), x, movingAverage(y, window));
            smooth.setMarker(SeriesMarkers.NONE);
            smooth.setLineColor(colour);
            smooth.setLineWidth(2.0f);
        }
        return save(chart, file);
    }

    /**
     * The centred moving average of width {@code window}: each value is the mean of the {@code window} values
     * around it ((window − 1) / 2 before, window / 2 after), the window shrinking at the ends. E.g. {1, 2, 3, 4, 5}
     * with window 3 gives {1.5, 2, 3, 4, 4.5}.
     *
     * @param window at least 1; 1 returns a copy
     */
    static double[] movingAverage(double[] y, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("moving average window must be at least 1, got " + window);
        }
        int before = (window - 1) / 2;
        int after = window / 2;
        double[] smoothed = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int from = Math.max(0, i - before);
            int to = Math.min(y.length - 1, i + after);
            double sum = 0;
            for (int j = from; j <= to; j++) {
                sum += y[j];
            }
            smoothed[i] = sum / (to - from + 1);
        }
        return smoothed;
    }

    private static boolean complete(double[] row) {
        return row.length == 3 && Arrays.stream(row).noneMatch(Double::isNaN);
    }

    private static void intervalEnd(XYSeries series, Color colour) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(INTERVAL_LINE);
        series.setShowInLegend(false);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static Color colour(XYChart chart, int index) {
        Color[] colours = chart.getStyler().getSeriesColors();
        return colours[index % colours.length];
    }

    private static Path save(XYChart chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
        // XChart appends the extension itself when it is missing.
        return file.toString().endsWith(".png") ? file : Path.of(file + ".png");
    }
}
