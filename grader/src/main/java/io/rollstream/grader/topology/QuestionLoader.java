package io.rollstream.grader.topology;

import io.rollstream.schemas.avro.Question;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global ground-truth store in step with {@code rl-questions-v1}. A question that cannot be read
 * is logged and skipped: a global processor cannot forward to the dead-letter topic, and attempts for that
 * question will then be graded UNSCORABLE (and dead-lettered) rather than guessed.
 */
final class QuestionLoader implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionLoader.class);

    private final Deserializer<Question> deserializer;
    private KeyValueStore<String, Question> store;
    private String topic;

    QuestionLoader(Deserializer<Question> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(GraderTopology.QUESTIONS_STORE);
        topic = io.rollstream.schemas.topics.Topics.QUESTIONS.name();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("skipping a question without a key");
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            store.put(record.key(), deserializer.deserialize(topic, record.headers(), record.value()));
        } catch (SerializationException e) {
            LOG.warn("skipping unreadable question {}: {}", record.key(), e.getMessage());
        }
    }
}
