package io.rollstream.bench;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * After a run, reads every committed graded record back in full and tallies verdicts per episode-id prefix and
 * duplicates, so the figures are only reported next to evidence that each attempt was graded once and as scripted.
 *
 * @param verdictsByPrefix verdict counts, per episode-id prefix
 * @param records          graded records read
 * @param duplicates       graded records for an episode and attempt already seen
 */
record GradedAudit(Map<String, Map<String, Long>> verdictsByPrefix, long records, long duplicates) {

    GradedAudit {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        verdictsByPrefix.forEach((prefix, counts) -> copy.put(prefix, Map.copyOf(counts)));
        verdictsByPrefix = Map.copyOf(copy);
    }

    /** Reads {@code expected} committed graded records (failing after a quiet minute) and tallies them. */
    static GradedAudit read(String bootstrapServers, CatalogSerdes serdes, long expected, PrintWriter out)
            throws TimeoutException {
        Map<String, Map<String, Long>> verdicts = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        AtomicLong count = new AtomicLong();
        long duplicates = 0;
        try (KafkaConsumer<String, GradedAttempt> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                serdes.keySerde(Topics.GRADED).deserializer(), serdes.valueSerde(Topics.GRADED).deserializer());
             PhaseProgress progress = PhaseProgress.start(out, "audit", expected, "graded records", count::get)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.GRADED.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.GRADED.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastNews = System.nanoTime();
            // Past the expected count, read on to the committed end too: anything there would be a duplicate.
            while (count.get() < expected || behind(consumer, partitions)) {
                var batch = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                for (ConsumerRecord<String, GradedAttempt> record : batch) {
                    GradedAttempt graded = record.value();
                    String episode = graded.getEpisodeId();
                    String prefix = episode.substring(0, Math.max(0, episode.indexOf('-')));
                    verdicts.computeIfAbsent(prefix, p -> new TreeMap<>())
                            .merge(graded.getVerdict().name(), 1L, Long::sum);
                    if (!seen.add(episode + "#" + graded.getAttempt())) {
                        duplicates++;
                    }
                    count.incrementAndGet();
                    lastNews = now;
                }
                if (now - lastNews > Duration.ofMinutes(1).toNanos()) {
                    throw new TimeoutException("audit read " + count.get() + " of " + expected + " graded records");
                }
            }
        }
        return new GradedAudit(verdicts, count.get(), duplicates);
    }

    private static boolean behind(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p));
    }

    /** The verdict counts of episodes with that prefix; empty when there were none. */
    Map<String, Long> verdicts(String prefix) {
        return verdictsByPrefix.getOrDefault(prefix, Map.of());
    }
}
