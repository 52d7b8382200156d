package io.rollstream.experiment.demo;

import io.rollstream.actor.loop.ActorService;
import io.rollstream.eval.AccuracyAtK;
import io.rollstream.eval.EvalEpisodes;
import io.rollstream.eval.EvalRunner;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.infra.security.Role;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/** Evaluates one policy's latest version on the held-out questions with k = 1..K attempts, greedy or sampled. */
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

    public Result run(String label, String policyName, long seed) throws InterruptedException {
        long started = System.nanoTime();
        Episodes episodes = episodes(label, policyName, seed, 0f, 1, null);
        return new Result(label, policyName, episodes.version(), episodes.episodes().accuracy(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * One policy's evaluation episodes.
     *
     * @param version  the version that answered
     * @param episodes every episode by sample, k and question
     * @param elapsed  wall-clock time
     */
    public record Episodes(long version, EvalEpisodes episodes, Duration elapsed) {
    }

    /**
     * Every held-out question with N = k attempts for each k of {@code attemptCounts} (1..K when null),
     * {@code samples} times each, at {@code temperature} (0 = greedy), answered by the policy's latest version.
     */
    public Episodes episodes(String label, String policyName, long seed, float temperature, int samples,
                             List<Integer> attemptCounts) throws InterruptedException {
        return episodes(label, policyName, seed, temperature, samples, attemptCounts, Decoding.SAMPLE);
    }

    /** As above, each answer made by {@code decoding} (value-guided search samples its steps at temperature 1). */
    public Episodes episodes(String label, String policyName, long seed, float temperature, int samples,
                             List<Integer> attemptCounts, Decoding decoding) throws InterruptedException {
        long started = System.nanoTime();
        DemoSettings s = ctx.settings();
        try (ActorService actor = Actors.start(ctx, "eval-" + policyName, policyName, temperature)) {
            long version = actor.follower().lastLoaded().orElseThrow().version();
            EvalRunner.Settings settings = new EvalRunner.Settings(ctx.test(), s.dataset(), "test", s.maxAttempts(),
                    version, ProtocolTemplate.COMPACT, s.maxNewTokens(), seed, Duration.ofMinutes(10), policyName,
                    ctx.runId(), temperature, samples, attemptCounts, decoding);
            int total = ctx.test().size() * settings.attemptCounts().size() * samples;
            EvalEpisodes episodes;
            try (ProgressBar bar = Progress.bar("eval " + label, total, "episodes", ctx.console())) {
                episodes = new EvalRunner(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), ctx.serdes(),
                        ctx.login(Role.FEEDER), ctx.login(Role.AUDITOR))
                        .runEpisodes(settings, (done, all) -> {
                            bar.stepTo(done);
                            Actors.requireHealthy(actor);
                        });
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            ctx.console().println(PhaseSummary.evaluation(label, episodes.accuracy(), elapsed));
            return new Episodes(version, episodes, elapsed);
        }
    }
}
