package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamThreadPhasesTest {

    private static final String P = "org.apache.kafka.streams.processor.internals.";
    private static final String RUN = P + "StreamThread.runOnceWithoutProcessingThreads";
    private static final String PROCESS = P + "StreamTask.process";
    private static final String GRADER = "io.rollstream.grader.topology.EpisodeGrader.process";

    @Test
    void shouldPutTheCheckerUnderTheGradersProcessingInTheChecker() {
        assertEquals(StreamThreadPhases.CHECKER, StreamThreadPhases.classify(List.of(RUN, PROCESS, GRADER,
                "io.rollstream.grader.scoring.AnswerChecker.grade", "java.util.regex.Matcher.find")));
    }

    @Test
    void shouldPutAChangelogWriteUnderAStorePutInTheStateStore() {
        assertEquals(StreamThreadPhases.STATE_STORE, StreamThreadPhases.classify(List.of(RUN, PROCESS, GRADER,
                "org.apache.kafka.streams.state.internals.MeteredKeyValueStore.put",
                P + "RecordCollectorImpl.send", "org.apache.avro.io.BinaryEncoder.writeString")));
    }

    @Test
    void shouldPutAnOutputRecordsSerialisationInSerialiseAndSend() {
        assertEquals(StreamThreadPhases.SERIALISE_SEND, StreamThreadPhases.classify(List.of(RUN, PROCESS, GRADER,
                P + "ProcessorContextImpl.forward", P + "SinkNode.process", P + "RecordCollectorImpl.send",
                "io.rollstream.schemas.serde.ConfluentAvroSerializer.serialize")));
    }

    @Test
    void shouldPutDeserialisingDuringThePollInDeserialise() {
        assertEquals(StreamThreadPhases.DESERIALISE, StreamThreadPhases.classify(List.of(RUN,
                P + "StreamThread.pollPhase", P + "RecordQueue.updateHead", P + "RecordDeserializer.deserialize",
                "org.apache.avro.io.BinaryDecoder.readString")));
        assertEquals(StreamThreadPhases.POLL, StreamThreadPhases.classify(List.of(RUN, P + "StreamThread.pollPhase",
                P + "StreamThread.pollRequests", "org.apache.kafka.clients.consumer.internals.Fetcher.collectFetch")));
    }

    @Test
    void shouldPutTheGradersOwnDeserialisingOfItsInputsInDeserialise() {
        assertEquals(StreamThreadPhases.DESERIALISE, StreamThreadPhases.classify(List.of(RUN, PROCESS, GRADER,
                "io.rollstream.grader.topology.EpisodeGrader.read",
                "io.rollstream.schemas.serde.ConfluentAvroDeserializer.deserialize",
                "io.rollstream.schemas.serde.PayloadBounds.check")));
    }

    @Test
    void shouldPutTheSerializerUnderAStoreWriteInTheStateStoreAndElseInSerialise() {
        String serialize = "io.rollstream.schemas.serde.ConfluentAvroSerializer.serialize";
        assertEquals(StreamThreadPhases.SERIALISE_SEND, StreamThreadPhases.classify(List.of(RUN, PROCESS, GRADER,
                serialize)));
        assertEquals(StreamThreadPhases.STATE_STORE, StreamThreadPhases.classify(List.of(RUN, PROCESS, GRADER,
                "org.apache.kafka.streams.state.internals.MeteredKeyValueStore.put", serialize)));
    }

    @Test
    void shouldPutAStoreFlushDuringTheCommitInTheCommit() {
        assertEquals(StreamThreadPhases.COMMIT, StreamThreadPhases.classify(List.of(RUN, P + "StreamThread.maybeCommit",
                P + "TaskManager.commit", "org.apache.kafka.streams.state.internals.RocksDBStore.flush",
                "org.rocksdb.RocksDB.flush")));
        assertEquals(StreamThreadPhases.COMMIT, StreamThreadPhases.classify(List.of(RUN, P + "StreamThread.maybeCommit",
                P + "StreamsProducer.commitTransaction")));
    }

    @Test
    void shouldPutTheDeadlineScanInPunctuation() {
        assertEquals(StreamThreadPhases.PUNCTUATE, StreamThreadPhases.classify(List.of(RUN,
                P + "TaskManager.punctuate", P + "StreamTask.punctuate", "io.rollstream.grader.topology.Deadlines.run",
                "org.apache.kafka.streams.state.internals.MeteredKeyValueStore.range")));
    }

    @Test
    void shouldTellTheGradersOwnWorkFromTheRestOfKafkaStreams() {
        assertEquals(StreamThreadPhases.GRADER_LOGIC, StreamThreadPhases.classify(List.of(RUN, PROCESS, GRADER,
                "io.rollstream.grader.topology.EpisodeRecords.retry", "java.util.ArrayList.add")));
        assertEquals(StreamThreadPhases.STREAMS_OTHER, StreamThreadPhases.classify(List.of(RUN, PROCESS,
                P + "PartitionGroup.nextRecord")));
        assertEquals(StreamThreadPhases.STREAMS_OTHER, StreamThreadPhases.classify(List.of()));
    }

    @Test
    void shouldNotDependOnTheOrderTheFramesComeIn() {
        List<String> rootFirst = List.of(RUN, PROCESS, GRADER,
                "org.apache.kafka.streams.state.internals.MeteredKeyValueStore.get",
                "io.rollstream.grader.scoring.AnswerChecker.grade");
        List<String> leafFirst = new java.util.ArrayList<>(rootFirst);
        java.util.Collections.reverse(leafFirst);
        assertEquals(StreamThreadPhases.classify(rootFirst), StreamThreadPhases.classify(leafFirst));
    }
}
