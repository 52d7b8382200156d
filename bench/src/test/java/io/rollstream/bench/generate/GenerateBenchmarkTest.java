package io.rollstream.bench.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerateBenchmarkTest {

    @Test
    void shouldMeasureBothModesForEveryBatchSizeAndPrintThem() {
        BenchmarkResult result = GenerateBenchmark.run(
                new GenerateBenchmark.Config("tiny", List.of(1, 3), 8, 1, DeviceChoice.CPU, 1L));
        assertEquals(2, result.rows().size());
        assertEquals(8, result.newTokens());
        for (BenchmarkRow row : result.rows()) {
            assertTrue(row.cachedTokensPerSecond() > 0 && row.recomputeTokensPerSecond() > 0);
            assertTrue(row.cachedFlopsPerSecond() > 0 && row.recomputeFlopsPerSecond() > 0);
            // Every step of a forced-length run calls the same operators, whatever the batch.
            assertTrue(row.operatorsPerStep() > 0, row.stepOperators().toString());
            assertEquals(Math.rint(row.operatorsPerStep()), row.operatorsPerStep(), 1e-9);
        }
        assertEquals(result.rows().get(0).stepOperators(), result.rows().get(1).stepOperators());
        String table = result.table();
        assertTrue(table.contains("measured matmul"), table);
        assertTrue(table.contains("libtorch operators per cached step"), table);
        assertEquals(3 + 2 + 1, table.lines().count(), table);
    }

    @Test
    void shouldCountRecomputationAsMoreWorkThanCachedDecoding() {
        ModelConfig config = ModelConfig.preset("small");
        double cached = FlopCount.cached(config, 4, 50, 128);
        double recomputed = FlopCount.recomputed(config, 4, 50, 128);
        // One cached step of one row: projections, MLP and head once, attention over the keys so far.
        double oneStep = FlopCount.forward(config, 1, 1, 60, 1);
        double expected = config.layers() * (2.0 * config.layerMatmulWeights() + 4.0 * 60 * config.dModel())
                + 2.0 * config.dModel() * config.vocabSize();
        assertEquals(expected, oneStep, 1e-6);
        assertTrue(recomputed > 50 * cached, cached + " vs " + recomputed);
    }
}
