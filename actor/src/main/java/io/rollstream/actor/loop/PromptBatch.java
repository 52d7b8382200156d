package io.rollstream.actor.loop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Prompt records polled but not yet answered, per partition. Records of a partition that is revoked or lost
 * are dropped before any transaction covers them: their offsets were never committed, so the partition's
 * new owner reads them again.
 */
final class PromptBatch {

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
    private int size;

    void add(ConsumerRecord<byte[], byte[]> record) {
        byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                .add(record);
        size++;
    }

    void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<ConsumerRecord<byte[], byte[]>> removed = byPartition.remove(partition);
            if (removed != null) {
                size -= removed.size();
            }
        }
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Every record, partition by partition, each partition in offset order. */
    List<ConsumerRecord<byte[], byte[]>> records() {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(size);
        byPartition.values().forEach(all::addAll);
        return all;
    }

    /** The offsets to commit once every record is answered: one past the last record of each partition. */
    Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        byPartition.forEach((partition, records) -> {
            if (!records.isEmpty()) {
                offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
            }
        });
        return offsets;
    }

    void clear() {
        byPartition.clear();
        size = 0;
    }
}
