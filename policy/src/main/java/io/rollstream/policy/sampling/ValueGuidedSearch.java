package io.rollstream.policy.sampling;

import ai.djl.ndarray.NDManager;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * OREO's test-time search, step-level beam search guided by the value head: each of K beams is expanded K times
 * by sampling one step (up to and including a newline) at temperature 1; every candidate is scored by the
 * critic's value of the state right after its last token; the K best are kept; candidates that finished (a
 * closed box, end of turn, or the token budget) leave the beam, the rest are expanded again, for at most S steps.
 * The answer is the highest-valued finished candidate, or the highest-valued unfinished one when the steps ran
 * out (reported as {@link FinishReason#MAX_TOKENS}). The value head must have been trained (OREO, PPO): an
 * untrained one ranks at random. Seeded: the same prompt and settings give the same answer.
 */
public final class ValueGuidedSearch {

    /**
     * @param beams        K, beams kept and samples per beam (OREO: 3)
     * @param maxSteps     S, expansions at most (OREO: 20)
     * @param maxNewTokens token budget of the whole answer
     * @param seed         seeds every step's samples
     */
    public record Settings(int beams, int maxSteps, int maxNewTokens, long seed) {
        public Settings {
            if (beams < 1 || maxSteps < 1 || maxNewTokens < 1) {
                throw new IllegalArgumentException("beams, maxSteps and maxNewTokens must be >= 1, got "
                        + beams + ", " + maxSteps + ", " + maxNewTokens);
            }
        }

        /** OREO's setting: 3 beams, at most 20 steps. */
        public static Settings oreo(int maxNewTokens, long seed) {
            return new Settings(3, 20, maxNewTokens, seed);
        }
    }

    /**
     * A partial or finished answer and the value of the state after it.
     *
     * @param tokens   response tokens so far
     * @param logProbs their sampling log-probabilities
     * @param finish   why it stopped, or {@link FinishReason#STEP_END} while it can still be expanded
     * @param value    the critic's value after its last token
     */
    public record Candidate(int[] tokens, float[] logProbs, FinishReason finish, float value) {
        boolean finished() {
            return finish != FinishReason.STEP_END;
        }
    }

    /**
     * What the search returned.
     *
     * @param generation the answer, as a plain generation would report it
     * @param value      its value
     * @param steps      expansions made
     * @param scored     candidates the critic scored
     */
    public record Result(Generation generation, float value, int steps, int scored) {
    }

    private final PolicyModel model;
    private final Generator stepper;

    public ValueGuidedSearch(PolicyModel model, CharTokenizer tokenizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.stepper = new Generator(model, tokenizer).oneStepAtATime();
    }

    public Result search(int[] prompt, Settings settings) {
        if (prompt.length + 1 >= model.config().maxContext()) {
            return new Result(new Generation(new int[0], new float[0], FinishReason.PROMPT_TOO_LONG, prompt.length),
                    Float.NaN, 0, 0);
        }
        int budget = Math.min(settings.maxNewTokens(), model.config().maxContext() - prompt.length - 1);
        List<Candidate> beams = List.of(new Candidate(new int[0], new float[0], FinishReason.STEP_END, 0f));
        List<Candidate> finished = new ArrayList<>();
        int steps = 0;
        int scored = 0;
        while (!beams.isEmpty() && steps < settings.maxSteps()) {
            List<int[]> prompts = new ArrayList<>();
            List<Candidate> parents = new ArrayList<>();
            int shortest = Integer.MAX_VALUE;
            for (Candidate beam : beams) {
                for (int j = 0; j < settings.beams(); j++) {
                    prompts.add(concat(prompt, beam.tokens()));
                    parents.add(beam);
                }
                shortest = Math.min(shortest, beam.tokens().length);
            }
            // Room for the shortest beam's step; a longer beam's step is cut back to the budget below.
            List<Generation> samples = stepper.generate(prompts, new SamplingParams(1f, 1f, budget - shortest,
                    settings.seed() * 1_000_003L + steps));
            List<int[]> grown = new ArrayList<>();
            List<float[]> grownLogProbs = new ArrayList<>();
            List<FinishReason> reasons = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                Candidate parent = parents.get(i);
                Generation g = samples.get(i);
                int[] tokens = concat(parent.tokens(), g.tokenIds());
                float[] logProbs = concat(parent.logProbs(), g.logProbs());
                FinishReason reason = g.finishReason();
                if (tokens.length > budget) {
                    tokens = Arrays.copyOf(tokens, budget);
                    logProbs = Arrays.copyOf(logProbs, budget);
                    reason = FinishReason.MAX_TOKENS;
                } else if (tokens.length == budget && reason == FinishReason.STEP_END) {
                    reason = FinishReason.MAX_TOKENS;
                }
                grown.add(tokens);
                grownLogProbs.add(logProbs);
                reasons.add(reason);
            }
            float[] values = valuesAfter(prompt, grown);
            scored += grown.size();
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < grown.size(); i++) {
                candidates.add(new Candidate(grown.get(i), grownLogProbs.get(i), reasons.get(i), values[i]));
            }
            List<Candidate> kept = best(candidates, settings.beams());
            kept.stream().filter(Candidate::finished).forEach(finished::add);
            beams = kept.stream().filter(c -> !c.finished()).toList();
            steps++;
        }
        Candidate answer = !finished.isEmpty() ? best(finished, 1).get(0) : best(beams, 1).get(0);
        FinishReason reason = answer.finished() ? answer.finish() : FinishReason.MAX_TOKENS;
        return new Result(new Generation(answer.tokens(), answer.logProbs(), reason, prompt.length), answer.value(),
                steps, scored);
    }

    /** The {@code k} highest-valued candidates, best first; ties keep their order. */
    static List<Candidate> best(List<Candidate> candidates, int k) {
        return candidates.stream().sorted(Comparator.comparingDouble(c -> -c.value())).limit(k).toList();
    }

    /** The critic's value of the state after each response's last token. */
    private float[] valuesAfter(int[] prompt, List<int[]> responses) {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> padded = new ArrayList<>();
        for (int[] response : responses) {
            prompts.add(prompt);
            // A trailing filler makes the response one column wider, whose value is the state after the last token.
            padded.add(concat(response, new int[] {CharTokenizer.PAD}));
        }
        float[] out = new float[responses.size()];
        try (NDManager manager = model.newManager()) {
            TrainForward forward = model.forward(manager, TokenBatch.of(prompts, padded), 1f, false);
            long width = forward.values().getShape().get(1);
            float[] flat = forward.values().toFloatArray(); // (B * R)
            for (int b = 0; b < responses.size(); b++) {
                out[b] = flat[(int) (b * width + responses.get(b).length)];
            }
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
