package io.rollstream.actor.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PromptBatchTest {

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset) {
        return new ConsumerRecord<>("rl-prompts-v1", partition, offset, new byte[0], new byte[0]);
    }

    @Test
    void shouldCommitOnePastTheLastRecordOfEachPartition() {
        PromptBatch batch = new PromptBatch();
        batch.add(record(0, 5));
        batch.add(record(0, 6));
        batch.add(record(2, 40));

        assertEquals(Map.of(
                new TopicPartition("rl-prompts-v1", 0), new OffsetAndMetadata(7),
                new TopicPartition("rl-prompts-v1", 2), new OffsetAndMetadata(41)), batch.nextOffsets());
        assertEquals(3, batch.size());
    }

    @Test
    void shouldForgetRecordsAndOffsetsOfRevokedPartitions() {
        PromptBatch batch = new PromptBatch();
        batch.add(record(0, 5));
        batch.add(record(1, 9));

        batch.drop(List.of(new TopicPartition("rl-prompts-v1", 0)));

        assertEquals(1, batch.size());
        assertEquals(9, batch.records().get(0).offset());
        assertEquals(Map.of(new TopicPartition("rl-prompts-v1", 1), new OffsetAndMetadata(10)), batch.nextOffsets());
        batch.clear();
        assertTrue(batch.isEmpty());
    }
}
