package io.rollstream.bench.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.model.DeviceChoice;
import org.junit.jupiter.api.Test;

class LearnerBenchmarkTest {

    @Test
    void shouldReportPositiveThroughputBelowTheMatmulCeiling() {
        LearnerBenchmark.Result result = LearnerBenchmark.run("tiny", DeviceChoice.CPU, 4, 16, 32, 1);
        System.out.println(result.describe());
        assertTrue(result.trajectoriesPerSecond() > 0 && result.trainedTokensPerSecond() > 0);
        assertTrue(result.achievedFlops() > 0 && result.matmulFlops() > 0);
    }

    @Test
    void shouldCountEachTrainedTokenOncePerUpdateWhateverTheEpochs() {
        LearnerBenchmark.Result result = LearnerBenchmark.run("tiny", DeviceChoice.CPU, 4, 16, 32, 1);
        assertTrue(result.epochs() > 1, "the PPO default trains several epochs per batch");
        // Every synthetic response token is trained (mask 1): 32 per trajectory, over the same timed interval.
        assertEquals(result.trajectoriesPerSecond() * 32, result.trainedTokensPerSecond(),
                1e-9 * result.trainedTokensPerSecond());
    }
}
