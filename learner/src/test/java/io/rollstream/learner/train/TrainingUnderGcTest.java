package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Role;
import io.rollstream.tasks.SftExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The garbage collector must not change what a training step computes: the same seed and data give the same
 * weights, bit for bit, whether or not collections run between the forward and the backward pass (they freed
 * constants autograd still needed, which made the warm start differ from run to run under memory pressure).
 */
class TrainingUnderGcTest {

    @TempDir
    Path dir;

    @Test
    void shouldTrainTheSameWeightsWhileTheCollectorRuns() throws Exception {
        List<SftExample> examples = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            examples.add(new SftExample(List.of(
                    new Message(Role.SYSTEM, "Answer in \\boxed{}."),
                    new Message(Role.USER, i + "+" + (i % 7))), "\\boxed{" + (i + i % 7) + "}"));
        }
        String quiet = train(examples, "quiet.bin");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            List<byte[]> garbage = new ArrayList<>();
            while (running.get()) {
                garbage.add(new byte[1 << 16]);
                if (garbage.size() > 256) {
                    garbage.clear();
                    System.gc();
                }
            }
        }, "gc-pressure");
        collector.setDaemon(true);
        collector.start();
        try {
            assertEquals(quiet, train(examples, "under-gc-1.bin"));
            assertEquals(quiet, train(examples, "under-gc-2.bin"));
        } finally {
            running.set(false);
            collector.join();
        }
    }

    private String train(List<SftExample> examples, String file) throws Exception {
        LearnerConfig config = LearnerConfig.sft().toBuilder().epochs(2).seed(3).build();
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 3L), null, config.learningRate())) {
            new SftTrainer(config, models, CharTokenizer.standard()).train(examples);
            return models.policy().save(dir.resolve(file)).sha256();
        }
    }
}
