package io.rollstream.bench;

import java.util.List;

/**
 * Where a Kafka Streams thread's sampled stack is spending its time. The grader reads its inputs as bytes and
 * deserialises them in its processor, so the Confluent deserializer's frames count as deserialising wherever they
 * are, and the serializer's as serialising unless a state store called it. A stack can be in several phases at once
 * (a state-store write sends a changelog record; polling deserialises what it fetched; a commit flushes the
 * stores), so each phase here owns the phases below it: a stack belongs to the first phase of this list that
 * one of its frames is in. A stack in none of them is the grader's own processing when a Rollstream frame is on
 * it, else the rest of Kafka Streams.
 */
public enum StreamThreadPhases {
    COMMIT("commit (flush, offsets, transaction)"),
    PUNCTUATE("deadline punctuation"),
    CHECKER("answer checker"),
    DESERIALISE("deserialise input records"),
    STATE_STORE("state stores and changelog writes"),
    SERIALISE_SEND("serialise and send output"),
    POLL("poll (fetch, network)"),
    GRADER_LOGIC("grader processing, other"),
    STREAMS_OTHER("Kafka Streams, other");

    private static final String STREAMS = "org.apache.kafka.streams.processor.internals.";
    private static final String SERDE = "io.rollstream.schemas.serde.";

    private final String label;

    StreamThreadPhases(String label) {
        this.label = label;
    }

    /** The phase's name in the printed breakdown. */
    public String label() {
        return label;
    }

    /**
     * The phase of one stack, given as {@code class.method} frames in any order.
     */
    public static StreamThreadPhases classify(List<String> frames) {
        StreamThreadPhases best = null;
        boolean rollstream = false;
        for (String frame : frames) {
            StreamThreadPhases phase = phaseOf(frame);
            if (phase != null && (best == null || phase.ordinal() < best.ordinal())) {
                best = phase;
            }
            rollstream |= frame.startsWith("io.rollstream.");
        }
        if (best != null) {
            return best;
        }
        return rollstream ? GRADER_LOGIC : STREAMS_OTHER;
    }

    private static StreamThreadPhases phaseOf(String frame) {
        if (frame.equals(STREAMS + "StreamThread.maybeCommit") || frame.startsWith(STREAMS + "TaskManager.commit")
                || frame.startsWith(STREAMS + "TaskManager.maybeCommit")
                || frame.startsWith(STREAMS + "TaskExecutor.commit")
                || frame.equals(STREAMS + "StreamsProducer.commitTransaction")) {
            return COMMIT;
        }
        if (frame.equals(STREAMS + "StreamThread.pollRequests") || frame.equals(STREAMS + "StreamThread.pollPhase")) {
            return POLL;
        }
        if (frame.startsWith(STREAMS + "RecordDeserializer.") || frame.startsWith(SERDE + "ConfluentAvroDeserializer.")) {
            return DESERIALISE;
        }
        if (frame.equals(STREAMS + "TaskManager.punctuate") || frame.equals(STREAMS + "TaskExecutor.punctuate")
                || frame.startsWith(STREAMS + "StreamTask.punctuate")) {
            return PUNCTUATE;
        }
        if (frame.startsWith("io.rollstream.grader.scoring.")) {
            return CHECKER;
        }
        if (frame.startsWith("org.apache.kafka.streams.state.internals.") || frame.startsWith("org.rocksdb.")) {
            return STATE_STORE;
        }
        if (frame.equals(STREAMS + "SinkNode.process") || frame.startsWith(STREAMS + "RecordCollectorImpl.send")
                || frame.startsWith(SERDE + "ConfluentAvroSerializer.")) {
            return SERIALISE_SEND;
        }
        return null;
    }
}
