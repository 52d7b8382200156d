package io.rollstream.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment charts write PNG files, and the moving average matches sums worked by hand. */
class ExperimentChartsTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void shouldAverageACentredWindowThatShrinksAtTheEnds() {
        double[] y = {1, 2, 3, 4, 5};

        // window 3: (1+2)/2, (1+2+3)/3, (2+3+4)/3, (3+4+5)/3, (4+5)/2
        assertArrayEquals(new double[] {1.5, 2, 3, 4, 4.5}, ExperimentCharts.movingAverage(y, 3), 1e-12);
        // window 4 takes one value before and two after: (1+2+3)/3, (1+2+3+4)/4, (2+3+4+5)/4, (3+4+5)/3, (4+5)/2
        assertArrayEquals(new double[] {2, 2.5, 3.5, 4, 4.5}, ExperimentCharts.movingAverage(y, 4), 1e-12);
        assertArrayEquals(y, ExperimentCharts.movingAverage(y, 1), 1e-12);
        // a window wider than the data averages everything
        assertArrayEquals(new double[] {3, 3, 3, 3, 3}, ExperimentCharts.movingAverage(y, 11), 1e-12);
        assertEquals(0, ExperimentCharts.movingAverage(new double[0], 3).length);
        assertThrows(IllegalArgumentException.class, () -> ExperimentCharts.movingAverage(y, 0));
    }

    @Test
    void shouldDrawIntervalsByKAsAPng() throws IOException {
        double[][] baseline = {{0.40, 0.35, 0.45}, {0.48, 0.43, 0.53}, {0.52, 0.47, 0.57}};
        double[][] multiAttempt = {{0.38, 0.33, 0.43}, {0.55, 0.50, 0.60}, {Double.NaN, Double.NaN, Double.NaN}};

        Path png = ExperimentCharts.intervalsByK(dir.resolve("by-k.png"), "Accuracy with k attempts",
                "accuracy", List.of("baseline", "multi-attempt"), List.of(baseline, multiAttempt));

        assertPng(png);
    }

    @Test
    void shouldDrawOneIntervalPerArmAsAPngLeavingOutArmsWithoutAnEstimate() throws IOException {
        Path png = ExperimentCharts.intervalsPerArm(dir.resolve("per-arm.png"), "Accuracy", "accuracy (%)",
                List.of("warm start", "RS-SFT", "OREO"), List.of(new double[] {20, 14, 26},
                        new double[] {22, 16, 28}, new double[] {Double.NaN, Double.NaN, Double.NaN}));

        assertPng(png);
        assertThrows(IllegalArgumentException.class, () -> ExperimentCharts.intervalsPerArm(dir.resolve("x.png"),
                "t", "y", List.of("a"), List.of()));
    }

    @Test
    void shouldRejectArmNamesThatDoNotMatchTheArms() {
        assertThrows(IllegalArgumentException.class, () -> ExperimentCharts.intervalsByK(dir.resolve("x.png"),
                "t", "y", List.of("a", "b"), List.<double[][]>of(new double[][] {{0.5, 0.4, 0.6}})));
    }

    @Test
    void shouldDrawSmoothedLinesAsAPng() throws IOException {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("baseline", points(40, 0.0));
        series.put("multi-attempt", points(40, 0.1));
        series.put("empty", new double[0][]);
        series.put("with gaps", new double[][] {{0, 0.2}, {1, Double.NaN}, {2, 0.4}});

        Path png = ExperimentCharts.smoothedLines(dir.resolve("reward"), "Reward per step", "training step",
                "reward", series, 5);

        assertEquals(dir.resolve("reward.png"), png);
        assertPng(png);
    }

    private static double[][] points(int n, double offset) {
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = new double[] {i, offset + 0.01 * i + (i % 2 == 0 ? 0.05 : -0.05)};
        }
        return points;
    }

    private static void assertPng(Path png) throws IOException {
        assertTrue(Files.size(png) > PNG_MAGIC.length, png + " is empty");
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), PNG_MAGIC.length);
        assertArrayEquals(PNG_MAGIC, head, png + " is not a PNG");
    }
}
