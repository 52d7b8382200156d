package io.rollstream.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelBenchmarkTest {

    @Test
    void shouldMeasureEveryBatchSizeOfAHuggingFaceFolderWithoutLlamaCpp() throws Exception {
        ModelBenchConfig config = new ModelBenchConfig(
                // the tiny Qwen2 fixture the policy module's reference tests use
                Path.of("../policy/src/test/resources/reference/tiny-qwen2"), List.of(1, 4), 8, 1, false, null);
        ModelBenchResult result = ModelBenchmark.run(config);
        assertEquals(java.util.Set.of(1, 4), result.ours().tokensPerSecond().keySet());
        assertTrue(result.ours().tokensPerSecond().values().stream().allMatch(rate -> rate > 0));
        assertTrue(result.ours().loadSeconds() > 0);
        assertNull(result.llamaCppOrNull());
        assertTrue(result.ratioToLlamaCpp().isEmpty());
        assertTrue(result.table().contains("ours (DJL, fp32)"), result.table());
        assertNull(result.ppoOrNull());
        assertFalse(result.table().contains("PPO"), result.table());
    }

    @Test
    void shouldTimeAWarmUpAndEachMeasuredPpoUpdate() throws Exception {
        ModelBenchConfig config = new ModelBenchConfig(
                Path.of("../policy/src/test/resources/reference/tiny-qwen2"), List.of(1), 4, 1, false,
                new PpoBenchConfig(2, 16, 2));
        ModelBenchResult result = ModelBenchmark.run(config);
        PpoUpdateResult ppo = result.ppoOrNull();
        assertEquals(2, ppo.updateSeconds().size());
        assertTrue(ppo.warmUpSeconds() > 0 && ppo.medianSeconds() > 0 && ppo.matmulFlops() > 0);
        assertEquals(result.parameters(), ppo.parameters());
        assertTrue(result.table().contains("median of 2"), result.table());
    }

    @Test
    void shouldDivideEachOfOurRatesByLlamaCppsBatchOneRate() {
        ModelBenchResult result = new ModelBenchResult("m.gguf", 10, 5, 8,
                new ModelBenchResult.Engine("ours", 1, 1, java.util.Map.of(1, 50.0, 16, 400.0)),
                java.util.Map.of("aten::mm", 2.0, "aten::slice", 3.0),
                new ModelBenchResult.Engine("llama.cpp", 1, 1, java.util.Map.of(1, 100.0)), null,
                "0.5 0.5 0.5 -> 0.6 0.6 0.6");
        assertEquals(java.util.Map.of(1, 0.5, 16, 4.0), result.ratioToLlamaCpp());
        assertTrue(result.table().contains("ratio ours(batch 16) / llama.cpp(batch 1): 4.00"), result.table());
        assertTrue(result.table().contains("operators per decoding step (batch 1): 5: slice 3, mm 2"),
                result.table());
    }

    @Test
    void shouldCountOnlyTheStepsAfterTheFirstToken() {
        // 16 rows, 65 tokens each: 64 cached steps per row took 10 s - 2 s
        assertEquals(16 * 64 / 8.0, ModelBenchmark.decodeRate(16, 65, 10.0, 2.0), 1e-9);
    }
}
