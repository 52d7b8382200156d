package io.rollstream.actor.generation;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.policy.LoadedPolicy;
import io.rollstream.policy.sampling.Generation;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.sampling.ValueGuidedSearch;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.protocol.Conversation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Answers a batch of prompts with one policy version: prompts that share sampling settings are generated
 * together, and each answer becomes an {@link Attempt} stamped with the version that actually produced it.
 * A prompt pinned to another version is still answered by the loaded one and says so: evaluation runs that need
 * an exact version must run an actor on it. A prompt asking for {@link Decoding#VALUE_GUIDED_SEARCH} is answered
 * alone by OREO's value-guided search (3 beams, at most 20 steps, temperature 1); the caller refuses such
 * prompts for versions without a trained value head.
 */
public final class AttemptGenerator {

    private final ActorConfig config;
    private final CharTokenizer tokenizer;
    private final Clock clock;
    private final SplittableRandom seeds;

    /** A generator for {@code config}'s actor; seeds of successive batches derive from the config's seed. */
    public AttemptGenerator(ActorConfig config, CharTokenizer tokenizer, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Actors sharing a seed still draw different streams: the id is mixed in.
        this.seeds = new SplittableRandom(config.seed() ^ ((long) config.actorId().hashCode() << 32));
    }

    /** One attempt per prompt, in the prompts' order. */
    public List<Attempt> generate(List<Prompt> prompts, LoadedPolicy policy) {
        Map<AttemptSampling, List<Integer>> groups = new LinkedHashMap<>();
        Attempt[] attempts = new Attempt[prompts.size()];
        for (int i = 0; i < prompts.size(); i++) {
            Prompt prompt = prompts.get(i);
            if (prompt.getDecoding() == Decoding.VALUE_GUIDED_SEARCH) {
                attempts[i] = searched(prompt, policy);
            } else {
                groups.computeIfAbsent(AttemptSampling.of(prompt, config), s -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<AttemptSampling, List<Integer>> group : groups.entrySet()) {
            AttemptSampling sampling = group.getKey();
            List<Integer> rows = group.getValue();
            List<int[]> tokens = rows.stream().map(i -> PromptRendering.tokens(prompts.get(i), tokenizer)).toList();
            SamplingParams params = new SamplingParams(
                    sampling.temperature(), sampling.topP(), sampling.maxNewTokens(), seeds.nextLong());
            Instant startedAt = clock.instant();
            List<Generation> generations = policy.generator().generate(tokens, params);
            Instant finishedAt = clock.instant();
            for (int j = 0; j < rows.size(); j++) {
                int row = rows.get(j);
                attempts[row] = attempt(prompts.get(row), tokens.get(j), generations.get(j), sampling,
                        policy.version(), startedAt, finishedAt);
            }
        }
        return Arrays.asList(attempts);
    }

    /** One prompt answered by value-guided search at temperature 1 within the prompt's token limit. */
    private Attempt searched(Prompt prompt, LoadedPolicy policy) {
        int[] tokens = PromptRendering.tokens(prompt, tokenizer);
        AttemptSampling limits = AttemptSampling.of(prompt, config);
        AttemptSampling sampling = new AttemptSampling(1f, 1f, limits.maxNewTokens());
        Instant startedAt = clock.instant();
        ValueGuidedSearch.Result result = new ValueGuidedSearch(policy.model(), tokenizer)
                .search(tokens, ValueGuidedSearch.Settings.oreo(sampling.maxNewTokens(), seeds.nextLong()));
        return attempt(prompt, tokens, result.generation(), sampling, policy.version(), startedAt, clock.instant(),
                Decoding.VALUE_GUIDED_SEARCH);
    }

    private Attempt attempt(Prompt prompt, int[] promptTokens, Generation generation, AttemptSampling sampling,
            long version, Instant startedAt, Instant finishedAt) {
        return attempt(prompt, promptTokens, generation, sampling, version, startedAt, finishedAt, Decoding.SAMPLE);
    }

    private Attempt attempt(Prompt prompt, int[] promptTokens, Generation generation, AttemptSampling sampling,
            long version, Instant startedAt, Instant finishedAt, Decoding decoding) {
        return Attempt.newBuilder()
                .setEpisodeId(prompt.getEpisodeId())
                .setAttempt(prompt.getAttempt())
                // The attempt refers to its prompt; the grader holds the conversation.
                .setPromptId(prompt.getPromptId().isEmpty()
                        ? Conversation.promptId(prompt.getEpisodeId(), prompt.getAttempt()) : prompt.getPromptId())
                .setPolicyName(config.policyName())
                .setRunId(prompt.getRunId())
                // decodeContent drops the end-of-turn marker; its id and log-prob stay in the token lists.
                .setResponse(tokenizer.decodeContent(generation.tokenIds()))
                .setPromptTokenIds(boxed(promptTokens))
                .setResponseTokenIds(boxed(generation.tokenIds()))
                .setLogProbs(boxed(generation.logProbs()))
                .setTemperature(sampling.temperature())
                .setTopP(sampling.topP())
                .setFinishReason(FinishReason.valueOf(generation.finishReason().name()))
                .setPolicyVersion(version)
                .setActorId(config.actorId())
                .setStartedAt(startedAt)
                .setFinishedAt(finishedAt)
                .setDecoding(decoding)
                .build();
    }

    private static List<Integer> boxed(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
