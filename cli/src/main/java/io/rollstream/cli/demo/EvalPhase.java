package io.rollstream.cli.demo;

import io.rollstream.actor.loop.ActorService;
import io.rollstream.eval.AccuracyAtK;
import io.rollstream.eval.EvalRunner;
import io.rollstream.schemas.avro.ProtocolTemplate;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/** Evaluates one policy's latest version on the held-out questions with k = 1..K attempts, greedy. */
public final class EvalPhase {

    /**
     * One policy's evaluation.
     *
     * @param label      name in the table
     * @param policyName the policy evaluated
     * @param version    the version that answered
     * @param accuracy   accuracy@k for k = 1..K
     * @param elapsed    wall-clock time
     */
    public record Result(String label, String policyName, long version, List<AccuracyAtK> accuracy, Duration elapsed) {
    }

    private final DemoContext ctx;

    public EvalPhase(DemoContext ctx) {
        this.ctx = ctx;
    }

    Result run(String label, String policyName, long seed) throws InterruptedException {
        long started = System.nanoTime();
        DemoSettings s = ctx.settings();
        try (ActorService actor = Actors.start(ctx, "eval-" + policyName, policyName, 0.0f)) {
            long version = actor.follower().lastLoaded().orElseThrow().version();
            int total = s.testQuestions() * s.maxAttempts();
            EvalRunner.Settings settings = new EvalRunner.Settings(ctx.test(), s.dataset(), "test", s.maxAttempts(),
                    version, ProtocolTemplate.COMPACT, s.maxNewTokens(), seed, Duration.ofMinutes(10), policyName,
                    ctx.runId());
            List<AccuracyAtK> accuracy;
            try (ProgressBar bar = Progress.bar("eval " + label, total, "episodes", ctx.console())) {
                accuracy = new EvalRunner(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), ctx.serdes())
                        .run(settings, (done, all) -> {
                            bar.stepTo(done);
                            Actors.requireHealthy(actor);
                        });
            }
            return new Result(label, policyName, version, accuracy, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
