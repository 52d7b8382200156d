package io.rollstream.learner.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.sampling.Generation;
import io.rollstream.policy.sampling.Generator;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PPO and GRPO each raise the mean reward of the tiny model on a verifiable task: answer "a+b" (sum below 10)
 * with one digit. The reward mirrors the protocol's levels: +1 the right digit first, -0.5 another digit,
 * -1 no digit. Rollouts are sampled from the current policy every iteration; no Kafka is involved.
 */
class PolicyGradientLearningTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();
    private static final int ITERATIONS = 20;
    private static final int EPISODES = 32;
    /** Smallest rise of the mean reward accepted; measured rises are printed by the test. */
    private static final double MARGIN = 0.4;

    @Test
    void shouldRaiseMeanRewardWithPpo() {
        LearnerConfig config = LearnerConfig.ppo().toBuilder().learningRate(3e-3f).batchEpisodes(EPISODES)
                .miniBatchSize(16).seed(7L).build();
        assertLearns("PPO", config, 1);
    }

    @Test
    void shouldRaiseMeanRewardWithGrpo() {
        LearnerConfig config = LearnerConfig.grpo().toBuilder().learningRate(3e-3f).groupsPerBatch(EPISODES / 8)
                .miniBatchSize(16).seed(7L).build();
        assertLearns("GRPO", config, config.groupSize());
    }

    private static void assertLearns(String name, LearnerConfig config, int groupSize) {
        try (LearnerModels models = LearnerModels.create(
                PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 11L), null, config.learningRate())) {
            Generator generator = new Generator(models.policy(), TOKENIZER);
            PolicyGradientUpdate update = new PolicyGradientUpdate(config, models);
            long started = System.nanoTime();
            double before = evaluate(generator, config.temperature());
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                List<TrainingSequence> batch = rollouts(generator, config.temperature(), groupSize, 1000L + iteration);
                update.run(batch, iteration);
            }
            double after = evaluate(generator, config.temperature());
            System.out.printf(Locale.ROOT, "%s mean reward before %.3f after %.3f (%d updates, %.1f s)%n",
                    name, before, after, ITERATIONS, (System.nanoTime() - started) / 1e9);
            assertTrue(after > before + MARGIN, name + " mean reward " + before + " -> " + after);
        }
    }

    private static double evaluate(Generator generator, float temperature) {
        List<TrainingSequence> rollouts = rollouts(generator, temperature, 1, 99L);
        return rollouts.stream().mapToDouble(TrainingSequence::reward).average().orElseThrow();
    }

    /** EPISODES rollouts: EPISODES / groupSize questions, each sampled groupSize times. */
    static List<TrainingSequence> rollouts(Generator generator, float temperature, int groupSize, long seed) {
        Random random = new Random(seed);
        List<int[]> prompts = new ArrayList<>();
        List<Integer> answers = new ArrayList<>();
        for (int q = 0; q < EPISODES / groupSize; q++) {
            int a = random.nextInt(5);
            int b = random.nextInt(5);
            int[] prompt = TOKENIZER.encodePrompt(List.of(ChatMessage.system("Reply with one digit."),
                    ChatMessage.user(a + "+" + b)), null);
            for (int g = 0; g < groupSize; g++) {
                prompts.add(prompt);
                answers.add(a + b);
            }
        }
        List<Generation> generations = generator.generate(prompts, new SamplingParams(temperature, 1f, 2, seed));
        List<TrainingSequence> sequences = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Generation generation = generations.get(i);
            float[] mask = new float[generation.length()];
            java.util.Arrays.fill(mask, 1f);
            sequences.add(new TrainingSequence("e" + i, "g" + (i / groupSize), prompts.get(i),
                    generation.tokenIds(), mask, generation.logProbs(), temperature,
                    reward(generation.tokenIds(), answers.get(i)), 0L, 0));
        }
        return sequences;
    }

    private static float reward(int[] response, int answer) {
        String text = TOKENIZER.decodeContent(response);
        if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
            return -1f;
        }
        return text.charAt(0) - '0' == answer ? 1f : -0.5f;
    }
}
