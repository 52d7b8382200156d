package io.rollstream.cli.grader;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A deterministic stand-in for actors: answers every prompt by a script keyed on the episode id, so the test
 * knows each episode's verdicts in advance. It reads committed prompts and commits offsets only after its
 * attempts are acknowledged (at-least-once: a duplicate it might send is the grader's to reject).
 */
final class ScriptedActor implements Runnable {

    private final String bootstrap;
    private final CatalogSerdes serdes;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong attemptsSent = new AtomicLong();

    ScriptedActor(String bootstrap, CatalogSerdes serdes) {
        this.bootstrap = bootstrap;
        this.serdes = serdes;
    }

    /** Attempt index at which the episode is answered correctly, or 0 if never; some wrong answers carry no box. */
    static int correctAt(String episodeId, int maxAttempts) {
        return Math.floorMod(episodeId.hashCode(), maxAttempts + 1);
    }

    static String respond(Prompt prompt) {
        int k = prompt.getAttempt();
        int target = correctAt(prompt.getEpisodeId(), prompt.getMaxAttempts());
        if (k == target) {
            return "Adding up the parts gives \\boxed{" + prompt.getQuestionId().substring(1) + "}";
        }
        return Math.floorMod(prompt.getEpisodeId().hashCode() / 7, 3) == 0
                ? "I am not sure, maybe " + k
                : "Guessing \\boxed{" + (k + 1_000_000) + "}";
    }

    /** Waits until at least {@code n} attempts were sent, failing after {@code timeout}. */
    synchronized void awaitSent(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (attemptsSent.get() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + attemptsSent.get() + " of " + n + " attempts sent in " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, Prompt> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "scripted-actor",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                serdes.keySerde(Topics.PROMPTS).deserializer(), serdes.valueSerde(Topics.PROMPTS).deserializer());
             KafkaProducer<String, Attempt> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                serdes.keySerde(Topics.ATTEMPTS).serializer(), serdes.valueSerde(Topics.ATTEMPTS).serializer())) {
            consumer.subscribe(List.of(Topics.PROMPTS.name()));
            while (running.get()) {
                List<ProducerRecord<String, Attempt>> out = new ArrayList<>();
                for (ConsumerRecord<String, Prompt> record : consumer.poll(Duration.ofMillis(100))) {
                    Attempt attempt = attempt(record.value());
                    ProducerRecord<String, Attempt> send = new ProducerRecord<>(Topics.ATTEMPTS.name(),
                            attempt.getEpisodeId(), attempt);
                    Provenance.put(send.headers(), Provenance.ATTEMPT, attempt.getAttempt());
                    out.add(send);
                }
                out.forEach(producer::send);
                producer.flush();
                consumer.commitSync();
                synchronized (this) {
                    attemptsSent.addAndGet(out.size());
                    notifyAll();
                }
            }
        }
    }

    private static Attempt attempt(Prompt prompt) {
        String response = respond(prompt);
        List<Integer> tokens = new ArrayList<>();
        List<Float> logProbs = new ArrayList<>();
        for (int i = 0; i < response.length(); i++) {
            tokens.add((int) response.charAt(i));
            logProbs.add(-1.0f);
        }
        Instant now = Instant.now();
        return Attempt.newBuilder().setEpisodeId(prompt.getEpisodeId()).setAttempt(prompt.getAttempt())
                .setPromptId(prompt.getPromptId()).setPolicyName(prompt.getPolicyName())
                .setRunId(prompt.getRunId()).setResponse(response).setPromptTokenIds(List.of(1))
                .setResponseTokenIds(tokens).setLogProbs(logProbs).setTemperature(1.0f).setTopP(1.0f)
                .setFinishReason(response.contains("\\boxed{") ? FinishReason.BOXED : FinishReason.END_OF_TURN)
                .setPolicyVersion(1L).setActorId("scripted").setStartedAt(now).setFinishedAt(now).build();
    }
}
