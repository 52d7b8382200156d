package io.rollstream.grader.topology;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.schemas.avro.EpisodeState;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The grader as a Kafka Streams topology (Processor API). A pure factory: everything it needs comes in as
 * arguments. Node and store names are part of the application's identity: renaming a store orphans its
 * changelog, so they are constants here.
 */
public final class GraderTopology {

    public static final String ATTEMPTS_SOURCE = "attempts-source";
    public static final String PROMPTS_SOURCE = "prompts-source";
    public static final String GRADER = "grade-attempts";
    public static final String QUESTIONS_SOURCE = "questions-source";
    public static final String QUESTIONS_LOADER = "questions-loader";
    public static final String GRADED_SINK = "graded-sink";
    public static final String TRAJECTORY_SINK = "trajectory-sink";
    public static final String RETRY_SINK = "retry-prompt-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    public static final String QUESTIONS_STORE = "questions-store";
    public static final String EPISODE_STORE = "episode-store";
    public static final String CLOSED_STORE = "closed-episode-store";
    public static final String DEADLINE_STORE = "episode-deadline-index";
    public static final String PENDING_STORE = "pending-attempt-store";

    private GraderTopology() {
    }

    /**
     * Builds the grader topology. {@code checker} is shared by all stream threads and owned (closed) by the
     * caller; {@code listener} observes decisions for metrics.
     */
    public static Topology build(GraderSettings settings, CatalogSerdes serdes, AnswerChecker checker,
                                 GraderListener listener) {
        Topology topology = new Topology();

        // Ground truth is read by the grader only, and every task needs all of it: a global store.
        // Records arrive as bytes so that one unreadable question is skipped instead of killing the
        // global thread.
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUESTIONS_STORE),
                        Serdes.String(), StoreSerde.of(Question.class)).withLoggingDisabled(),
                QUESTIONS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.QUESTIONS.name(), QUESTIONS_LOADER,
                () -> new QuestionLoader(serdes.valueSerde(Topics.QUESTIONS).deserializer()));

        // Attempts and prompts are read as raw bytes and deserialised inside the processor, so an
        // unreadable record is dead-lettered inside the same transaction as everything else.
        topology.addSource(ATTEMPTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.ATTEMPTS.name());
        // First-attempt prompts open episodes (and start their timeout clock) before any attempt exists.
        topology.addSource(PROMPTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.PROMPTS.name());

        // One processor grades, keeps the episode state machine and decides every output.
        topology.addProcessor(GRADER, () -> new EpisodeGrader(settings, serdes, checker, listener),
                ATTEMPTS_SOURCE, PROMPTS_SOURCE);

        // Open episodes, changelogged so a restarted or migrated task resumes them exactly.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EPISODE_STORE),
                Serdes.String(), StoreSerde.of(EpisodeState.class)), GRADER);
        // Closed episodes, remembered for a while to reject late and duplicated attempts.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOSED_STORE),
                Serdes.String(), Serdes.Long()), GRADER);
        // First attempts read before their prompt, held until the prompt opens the episode.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE),
                Serdes.String(), Serdes.ByteArray()), GRADER);
        // Deadlines in time order, so the punctuator scans only what expired, never all episodes.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINE_STORE),
                Serdes.String(), Serdes.String()), GRADER);

        // Every attempt's verdict, for subscribers and auditors.
        topology.addSink(GRADED_SINK, Topics.GRADED.name(),
                serdes.keySerde(Topics.GRADED).serializer(), serdes.valueSerde(Topics.GRADED).serializer(), GRADER);
        // Exactly one closed episode per episode, for the learner.
        topology.addSink(TRAJECTORY_SINK, Topics.TRAJECTORIES.name(),
                serdes.keySerde(Topics.TRAJECTORIES).serializer(),
                serdes.valueSerde(Topics.TRAJECTORIES).serializer(), GRADER);
        // The next attempt's prompt, with the feedback turn, back to the actors.
        topology.addSink(RETRY_SINK, Topics.PROMPTS.name(),
                serdes.keySerde(Topics.PROMPTS).serializer(), serdes.valueSerde(Topics.PROMPTS).serializer(), GRADER);
        // Raw bytes of what could not be read or graded, with headers saying why.
        topology.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTERS.name(),
                new ByteArraySerializer(), new ByteArraySerializer(), GRADER);
        return topology;
    }
}
