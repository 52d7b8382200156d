package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaTrainingTest {

    @Test
    void shouldMoveLogProbsAndTheCriticWithOneOptimizerStep() throws Exception {
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(TransformersReferenceTest.fixture("tiny-qwen2"));
        TokenBatch batch = TokenBatch.of(List.of(new int[] {1, 20, 30}), List.of(new int[] {40, 50, 2}));
        try (LlamaModel model = LlamaModel.load(checkpoint, Device.cpu());
                Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build()))) {
            float before;
            try (NDManager manager = model.newManager()) {
                before = model.forward(manager, batch, 1f, false).logProbs().sum().getFloat();
            }
            try (NDManager manager = model.newManager(); GradientCollector collector = trainer.newGradientCollector()) {
                TrainForward forward = model.forward(manager, batch, 1f, true);
                NDArray loss = forward.logProbs().sum().neg() // raise the response's likelihood
                        .add(forward.values().sub(1f).square().sum()); // and pull the critic towards 1
                collector.backward(loss);
            }
            trainer.step();
            try (NDManager manager = model.newManager()) {
                TrainForward after = model.forward(manager, batch, 1f, false);
                assertTrue(after.logProbs().sum().getFloat() > before, "likelihood rose");
                assertNotEquals(0f, after.values().toFloatArray()[0], "the critic left zero");
            }
        }
    }
}
