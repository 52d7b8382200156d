package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.sampling.Generator;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.tasks.SftExample;
import io.rollstream.tasks.SftExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTrainerTest {

    @TempDir
    Path dir;

    @Test
    void shouldTeachTheTargetFormatFromJsonLines() throws Exception {
        Path data = dir.resolve("sft.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            lines.append("{\"messages\":[{\"role\":\"system\",\"content\":\"Answer in \\\\boxed{}.\"},"
                    + "{\"role\":\"user\",\"content\":\"").append(i).append("+0\"}],\"target\":\"\\\\boxed{")
                    .append(i).append("}\"}\n");
        }
        Files.writeString(data, lines.toString());
        List<SftExample> examples = SftExamples.read(data);
        assertEquals(8, examples.size());

        LearnerConfig config = LearnerConfig.sft().toBuilder().epochs(25).learningRate(3e-3f).build();
        CharTokenizer tokenizer = CharTokenizer.standard();
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 1L), null, config.learningRate())) {
            SftTrainer.Result result = new SftTrainer(config, models, tokenizer).train(examples);
            System.out.printf("SFT token loss %.3f -> %.3f in %d steps%n",
                    result.firstEpochLoss(), result.lastEpochLoss(), result.steps());
            assertTrue(result.lastEpochLoss() < result.firstEpochLoss() / 3, result.toString());
            String greedy = tokenizer.decodeContent(new Generator(models.policy(), tokenizer).generate(
                    List.of(tokenizer.encodePrompt(SftTrainer.chat(examples.get(3).messages()), null)),
                    SamplingParams.greedy(12)).get(0).tokenIds());
            assertTrue(greedy.startsWith("\\boxed{"), greedy);
        }
    }
}
