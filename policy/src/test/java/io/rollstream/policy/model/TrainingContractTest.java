package io.rollstream.policy.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learner's path: forward in a step manager, backward, one Trainer with Adam stepping these weights. */
class TrainingContractTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();

    private static float meanLogProb(PolicyModel model, TokenBatch batch) {
        try (NDManager manager = model.newManager()) {
            TrainForward out = model.forward(manager, batch, 1f, false);
            return out.logProbs().mul(out.responseMask()).sum().getFloat() / out.responseMask().sum().getFloat();
        }
    }

    @Test
    void shouldRaiseTheLogProbOfTrainedTokensAndFitValuesThroughOneTrainer() {
        TokenBatch batch = TokenBatch.of(
                List.of(TOKENIZER.encodeText("Q: 2+2?"), TOKENIZER.encodeText("Q: 3+3? A:")),
                List.of(TOKENIZER.encodeText(" 4"), TOKENIZER.encodeText(" 6")));
        try (PolicyModel model = PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 5L);
                Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build()))) {
            float before = meanLogProb(model, batch);
            for (int step = 0; step < 5; step++) {
                try (NDManager manager = model.newManager();
                        GradientCollector collector = trainer.newGradientCollector()) {
                    TrainForward out = model.forward(manager, batch, 1f, true);
                    NDArray mask = out.responseMask(); // (B, R)
                    NDArray policyLoss = out.logProbs().mul(mask).sum().neg().div(mask.sum()); // ()
                    NDArray valueLoss = out.values().sub(1f).square().mul(mask).sum().div(mask.sum()); // ()
                    collector.backward(policyLoss.add(valueLoss));
                }
                // Every weight takes part in the loss, so every one must have received a gradient.
                assertTrue(model.trainableParameters().stream()
                        .allMatch(p -> p.getArray().getGradient().abs().sum().getFloat() > 0));
                trainer.step();
            }
            float after = meanLogProb(model, batch);
            assertTrue(after > before + 0.5f, "mean log-prob " + before + " -> " + after);
        }
    }
}
