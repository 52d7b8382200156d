package io.rollstream.experiment.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of a demo run, drawn with XChart (headless: no display needed). */
final class DemoCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private DemoCharts() {
    }

    /**
     * A line chart of one value per training step for several series (e.g. reward of each policy).
     *
     * @param series name → points as {step, value}
     */
    static Path lines(Path file, String title, String yTitle, Map<String, List<double[]>> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("training step").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(true);
        series.forEach((name, points) -> {
            if (points.isEmpty()) {
                return;
            }
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        });
        return save(chart, file);
    }

    /** Grouped bars of accuracy@k (k = 1..K) per policy, in percent. */
    static Path accuracyAtK(Path file, Map<String, List<Double>> accuracyByPolicy) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Accuracy with k attempts (greedy, held-out test set)")
                .xAxisTitle("attempts k").yAxisTitle("accuracy (%)").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        accuracyByPolicy.forEach((policy, accuracies) -> {
            List<Integer> ks = new ArrayList<>();
            List<Double> percent = new ArrayList<>();
            for (int k = 0; k < accuracies.size(); k++) {
                ks.add(k + 1);
                percent.add(Double.isNaN(accuracies.get(k)) ? 0.0 : 100 * accuracies.get(k));
            }
            chart.addSeries(policy, ks, percent);
        });
        return save(chart, file);
    }

    private static Path save(Object chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            BitmapEncoder.saveBitmap((org.knowm.xchart.internal.chartpart.Chart<?, ?>) chart, file.toString(),
                    BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
        // XChart appends the extension itself when it is missing.
        return file.toString().endsWith(".png") ? file : Path.of(file + ".png");
    }
}
