package io.rollstream.experiment;

import io.rollstream.experiment.demo.DemoContext;
import io.rollstream.experiment.demo.Progress;
import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.scoring.Grade;
import io.rollstream.infra.security.Role;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.learner.service.SftRun;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.sampling.Generation;
import io.rollstream.policy.sampling.Generator;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import io.rollstream.tasks.SftExample;
import io.rollstream.tasks.SftExamples;
import io.rollstream.tasks.TaskItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;

/**
 * The experiment's warm start, shared by both arms of a seed. Stage one: supervised training on first-attempt
 * examples (system prompt for N drawn from 1..K, the problem, the worked solution). Then the stage-one model
 * answers every warm-start question {@code samples} times at temperature 1, in process and seeded, and its wrong
 * answers become retry demonstrations: an episode whose first j attempts (j from 1 to K-1, as many as it got
 * wrong) were those answers, each followed by the feedback turn, with the worked solution as the target. Stage two
 * trains on the first-attempt examples and those retries together. So a retry demonstration starts from a
 * mistake this model really makes, at every attempt index up to K, rather than from a made-up slip; and the
 * same seed makes the same warm start, bit for bit. With no retry epochs (single-turn experiments) there is only
 * stage one.
 */
final class WarmStart {

    /** Prompts the stage-one model answers together while it collects its own mistakes. */
    private static final int SAMPLE_BATCH = 64;
    private static final Duration CHECK_TIME_LIMIT = Duration.ofSeconds(30);

    /**
     * What the warm start did.
     *
     * @param firstStageExamples first-attempt examples
     * @param ownAnswers         answers the stage-one model gave to collect mistakes
     * @param ownWrong           of them, wrong or without a box (answers the checker could not grade are neither)
     * @param retryExamples      retry demonstrations made from them
     * @param firstEpochLoss     mean token loss of the first epoch
     * @param lastEpochLoss      mean token loss of the last epoch of stage two
     * @param published          the warm-start policy version
     * @param elapsed            wall-clock time
     */
    record Result(int firstStageExamples, int ownAnswers, int ownWrong, int retryExamples, double firstEpochLoss,
                  double lastEpochLoss, PolicyVersion published, Duration elapsed) {

        /** The share of the stage-one model's sampled answers that were correct. */
        double ownAccuracy() {
            return ownAnswers == 0 ? Double.NaN : 1.0 - (double) ownWrong / ownAnswers;
        }
    }

    /**
     * How a warm start is made.
     *
     * @param preset         model size
     * @param maxAttempts    K: each first-attempt example's system prompt gives N drawn from 1..K
     * @param sftEpochs      epochs on first-attempt examples
     * @param retryEpochs    further epochs with the own-mistake retries; 0 (needed when K = 1) skips stage two
     * @param mistakeSamples answers sampled per question to collect own mistakes
     * @param maxNewTokens   largest sampled answer
     */
    record Plan(ModelPreset preset, int maxAttempts, int sftEpochs, int retryEpochs, int mistakeSamples,
                int maxNewTokens) {
        Plan {
            Objects.requireNonNull(preset, "preset");
            if (maxAttempts < 1 || sftEpochs < 1 || retryEpochs < 0 || mistakeSamples < 1 || maxNewTokens < 1) {
                throw new IllegalArgumentException("warm start: K, epochs, samples and tokens must be >= 1 and retry "
                        + "epochs >= 0");
            }
            if (maxAttempts == 1 && retryEpochs > 0) {
                throw new IllegalArgumentException("warm start: retries need K >= 2");
            }
        }
    }

    private final DemoContext ctx;
    private final List<TaskItem> questions;
    private final Plan plan;

    WarmStart(DemoContext ctx, List<TaskItem> questions, Plan plan) {
        this.ctx = ctx;
        this.questions = List.copyOf(questions);
        this.plan = plan;
    }

    Result run(String policyName, long seed) throws Exception {
        long started = System.nanoTime();
        Path dir = Files.createDirectories(ctx.runDir().resolve(policyName));
        int k = plan.maxAttempts();
        List<SftExample> first = new ArrayList<>();
        SplittableRandom draws = new SplittableRandom(seed);
        for (TaskItem item : questions) {
            first.add(SftExamples.firstAttempt(item, ProtocolTemplate.COMPACT, 1 + draws.nextInt(k)));
        }
        SftExamples.write(first, dir.resolve("sft-first-attempts.jsonl"));
        LearnerConfig config = LearnerConfig.sft().toBuilder().policyName(policyName).modelPreset(plan.preset())
                .seed(seed).epochs(plan.sftEpochs()).build();
        ServiceSettings service = new ServiceSettings(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), dir,
                ctx.weightsDir(), DeviceChoice.CPU, 0, null, ctx.login(Role.LEARNER));
        OwnMistakes mistakes = new OwnMistakes(first, seed, dir);
        SftRun.Outcome outcome;
        try (ProgressBar bar = Progress.bar("warm start, " + first.size() + " questions", 1, "steps",
                ctx.console())) {
            outcome = SftRun.run(config, service, first, plan.retryEpochs() > 0 ? mistakes : null,
                    (stage, done, total) -> {
                        bar.maxHint(total);
                        bar.setExtraMessage(stage == 1 ? " first attempts x " + plan.sftEpochs()
                                : " with own-mistake retries x " + plan.retryEpochs());
                        bar.stepTo(done);
                    });
        }
        return new Result(first.size(), mistakes.answers, mistakes.wrong, mistakes.retries,
                outcome.training().firstEpochLoss(), outcome.training().lastEpochLoss(), outcome.published(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Stage two: the first-attempt examples again, and retries made from the stage-one model's own mistakes. */
    private final class OwnMistakes implements SftRun.SecondStage {
        private final List<SftExample> first;
        private final long seed;
        private final Path dir;
        private int answers;
        private int wrong;
        private int retries;

        OwnMistakes(List<SftExample> first, long seed, Path dir) {
            this.first = first;
            this.seed = seed;
            this.dir = dir;
        }

        @Override
        public int epochs() {
            return plan.retryEpochs();
        }

        @Override
        public List<SftExample> examples(PolicyModel trained) {
            int k = plan.maxAttempts();
            int samples = plan.mistakeSamples();
            CharTokenizer tokenizer = CharTokenizer.standard();
            Generator generator = new Generator(trained, tokenizer);
            List<List<String>> wrongByQuestion = new ArrayList<>();
            questions.forEach(q -> wrongByQuestion.add(new ArrayList<>()));
            // A generous time limit, and answers the checker could not decide are left out rather than counted
            // wrong: a time limit depends on the machine's load, and the warm start must not.
            try (AnswerChecker checker = new AnswerChecker(new CheckerConfig(CheckerConfig.DEFAULT_MAX_INPUT_CHARS,
                    CHECK_TIME_LIMIT, CheckerConfig.DEFAULT_ALGEBRA_THREADS))) {
                List<int[]> prompts = new ArrayList<>();
                List<Integer> owners = new ArrayList<>();
                int batch = 0;
                for (int i = 0; i < questions.size(); i++) {
                    List<ChatMessage> chat = List.of(
                            ChatMessage.system(EpisodeProtocol.systemPrompt(ProtocolTemplate.COMPACT, k)),
                            ChatMessage.user(questions.get(i).problem()));
                    int[] prompt = tokenizer.encodePrompt(chat, null);
                    for (int s = 0; s < samples; s++) {
                        prompts.add(prompt);
                        owners.add(i);
                    }
                }
                for (int from = 0; from < prompts.size(); from += SAMPLE_BATCH, batch++) {
                    int to = Math.min(prompts.size(), from + SAMPLE_BATCH);
                    List<Generation> out = generator.generate(prompts.subList(from, to),
                            new SamplingParams(1f, 1f, plan.maxNewTokens(), seed * 1_000_003L + batch));
                    for (int j = 0; j < out.size(); j++) {
                        int owner = owners.get(from + j);
                        String response = tokenizer.decodeContent(out.get(j).tokenIds());
                        answers++;
                        Grade grade = checker.grade(response, questions.get(owner).answer());
                        if (grade instanceof Grade.Wrong || grade instanceof Grade.Unformatted) {
                            wrong++;
                            wrongByQuestion.get(owner).add(response);
                        }
                    }
                }
            }
            List<SftExample> out = new ArrayList<>(first);
            SplittableRandom draws = new SplittableRandom(seed ^ 0x5DEECE66DL);
            for (int i = 0; i < questions.size(); i++) {
                List<String> mistakes = wrongByQuestion.get(i);
                if (mistakes.isEmpty()) {
                    continue;
                }
                int j = 1 + draws.nextInt(Math.min(k - 1, mistakes.size()));
                int n = j + 1 + draws.nextInt(k - j);
                out.add(SftExamples.afterOwnMistakes(questions.get(i), ProtocolTemplate.COMPACT, n,
                        mistakes.subList(0, j)));
                retries++;
            }
            SftExamples.write(out.subList(first.size(), out.size()), dir.resolve("sft-own-mistakes.jsonl"));
            return out;
        }
    }
}
