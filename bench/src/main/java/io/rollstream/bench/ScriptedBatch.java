package io.rollstream.bench;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A batch of serialized attempts made ahead of time, with the verdicts the grader must give them, so the
 * benchmarked producer and grader never wait on the workload generator.
 *
 * @param keys             record keys (episode ids), in send order
 * @param values           serialized attempts, in send order
 * @param promptKeys       episode ids of the first prompts, one per episode the batch opens
 * @param promptValues     serialized first prompts, published before the attempts
 * @param expectedVerdicts number of attempts per verdict the grader must give
 */
record ScriptedBatch(List<String> keys, List<byte[]> values, List<String> promptKeys, List<byte[]> promptValues,
                     Map<String, Long> expectedVerdicts) {

    ScriptedBatch {
        keys = List.copyOf(keys);
        values = List.copyOf(values);
        promptKeys = List.copyOf(promptKeys);
        promptValues = List.copyOf(promptValues);
        expectedVerdicts = Map.copyOf(expectedVerdicts);
        if (keys.size() != values.size() || keys.isEmpty()) {
            throw new IllegalArgumentException("a batch needs as many keys as values, at least one");
        }
    }

    /** The next {@code count} attempts of {@code workload} and their episodes' first prompts, serialized. */
    static ScriptedBatch prepare(AttemptWorkload workload, int count, Serializer<Attempt> serializer,
                                 Serializer<Prompt> promptSerializer, PrintWriter out) {
        Objects.requireNonNull(workload, "workload");
        List<String> keys = new ArrayList<>(count);
        List<byte[]> values = new ArrayList<>(count);
        List<String> promptKeys = new ArrayList<>();
        List<byte[]> promptValues = new ArrayList<>();
        Map<String, Long> verdicts = new TreeMap<>();
        AtomicLong made = new AtomicLong();
        try (PhaseProgress progress = PhaseProgress.start(out, "preparing attempts", count, "attempts", made::get)) {
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                AttemptWorkload.ScriptedAttempt next = workload.next(now);
                keys.add(next.attempt().getEpisodeId());
                values.add(serializer.serialize(Topics.ATTEMPTS.name(), next.attempt()));
                if (next.opensEpisode()) {
                    promptKeys.add(next.prompt().getEpisodeId());
                    promptValues.add(promptSerializer.serialize(Topics.PROMPTS.name(), next.prompt()));
                }
                verdicts.merge(next.script().expectedVerdict(), 1L, Long::sum);
                made.set(i + 1);
            }
        }
        return new ScriptedBatch(keys, values, promptKeys, promptValues, verdicts);
    }

    int size() {
        return keys.size();
    }

    long valueBytes() {
        return values.stream().mapToLong(v -> v.length).sum();
    }
}
