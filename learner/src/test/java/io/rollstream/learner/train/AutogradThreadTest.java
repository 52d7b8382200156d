package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Role;
import io.rollstream.tasks.SftExample;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * PyTorch records autograd by default on every thread. A learner thread that starts before anything turned
 * recording off must still be able to copy weights into its reference model and apply optimiser steps in place.
 */
class AutogradThreadTest {

    @Test
    void shouldTrainOnAFreshThreadWhereAutogradIsRecording() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<SftTrainer.Result> result = new AtomicReference<>();
        Thread fresh = new Thread(() -> {
            LearnerConfig config = LearnerConfig.sft().toBuilder().epochs(2).build();
            PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 3L).close(); // loads the engine
            JniUtils.setGradMode(true); // the state of a thread no gradient collector has touched yet
            try (LearnerModels models = LearnerModels.create(
                    PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 3L), null, config.learningRate())) {
                List<SftExample> examples = List.of(new SftExample(
                        List.of(new Message(Role.USER, "1+1")), "\\boxed{2}"));
                result.set(new SftTrainer(config, models, io.rollstream.policy.tokenizer.CharTokenizer.standard())
                        .train(examples));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "fresh-learner-thread");
        fresh.start();
        fresh.join();
        if (failure.get() != null) {
            throw new AssertionError("training failed on a thread recording autograd", failure.get());
        }
        assertTrue(result.get().steps() > 0);
    }
}
