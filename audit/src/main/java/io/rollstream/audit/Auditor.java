package io.rollstream.audit;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.TopicReader;
import io.rollstream.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Replays a time window of the pipeline's topics and checks the grader's invariants: each attempt graded
 * exactly once, each episode closed exactly once (or still open), rewards and outcomes as the protocol says,
 * retry prompts built from the attempt before them, policy versions monotone per actor and, optionally, the
 * current checker agreeing with the recorded verdicts. See {@link AuditWindow} for how the window's edges are
 * handled.
 */
public final class Auditor {

    private static final List<Topic<String, ?>> EPISODE_TOPICS = List.of(Topics.PROMPTS, Topics.ATTEMPTS,
            Topics.GRADED, Topics.TRAJECTORIES);

    private Auditor() {
    }

    /** Reads the window from the cluster and audits it. Broker and registry failures propagate. */
    public static AuditReport run(AuditConfig config) {
        AuditWindow window = AuditWindow.of(config.from(), config.to(), config.closeGrace(), Instant.now());
        AuditInput input;
        try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.schemaRegistryUrl(), config.login());
             TopicReader reader = new TopicReader(config.bootstrapServers(), config.login(), config.readTimeout(),
                     "rollstream-audit")) {
            input = read(reader, CatalogSerdes.create(registry, SerdeOptions.defaults()), window,
                    config.from().minus(config.readMargin()), config.reGrade());
        }
        if (!config.reGrade()) {
            return audit(input, window);
        }
        try (AnswerChecker checker = new AnswerChecker(config.checker())) {
            return audit(input, window, checker);
        }
    }

    private static AuditInput read(TopicReader reader, CatalogSerdes serdes, AuditWindow window, Instant readFrom,
                                   boolean withQuestions) {
        Instant until = window.readsToPresent() ? null : window.horizon();
        List<TopicReader.Slice> slices = new ArrayList<>();
        EPISODE_TOPICS.forEach(t -> slices.add(new TopicReader.Slice(t.name(), readFrom, until)));
        if (withQuestions) {
            slices.add(new TopicReader.Slice(Topics.QUESTIONS.name(), null, null));
        }
        Map<String, List<ConsumerRecord<byte[], byte[]>>> raw = reader.read(reader.plan(slices));
        List<RecordRef> unreadable = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        EPISODE_TOPICS.forEach(t -> counts.put(t.name(), (long) raw.get(t.name()).size()));
        Map<String, String> truth = new HashMap<>();
        if (withQuestions) {
            for (Located<Question> q : decode(serdes, Topics.QUESTIONS, raw, new ArrayList<>())) {
                truth.put(q.value().getQuestionId(), q.value().getAnswer());
            }
        }
        return new AuditInput(decode(serdes, Topics.PROMPTS, raw, unreadable),
                decode(serdes, Topics.ATTEMPTS, raw, unreadable), decode(serdes, Topics.GRADED, raw, unreadable),
                decode(serdes, Topics.TRAJECTORIES, raw, unreadable), truth, unreadable, counts);
    }

    private static <V> List<Located<V>> decode(CatalogSerdes serdes, Topic<String, V> topic,
                                               Map<String, List<ConsumerRecord<byte[], byte[]>>> raw,
                                               List<RecordRef> unreadable) {
        List<Located<V>> values = new ArrayList<>();
        try (Deserializer<V> deserializer = serdes.valueSerde(topic).deserializer()) {
            for (ConsumerRecord<byte[], byte[]> r : raw.get(topic.name())) {
                RecordRef ref = new RecordRef(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
                if (r.value() == null) {
                    continue; // a tombstone on a compacted topic deletes; on an episode topic it was dead-lettered
                }
                try {
                    values.add(new Located<>(ref, deserializer.deserialize(r.topic(), r.headers(), r.value())));
                } catch (SerializationException e) {
                    unreadable.add(ref);
                }
            }
        }
        return values;
    }

    /** Audits records already read, without re-grading. Pure: no Kafka, no clock. */
    public static AuditReport audit(AuditInput input, AuditWindow window) {
        return audit(input, window, null, false);
    }

    /** Audits records already read and re-grades every audited attempt with {@code checker}. */
    public static AuditReport audit(AuditInput input, AuditWindow window, AnswerChecker checker) {
        return audit(input, window, checker, true);
    }

    private static AuditReport audit(AuditInput input, AuditWindow window, AnswerChecker checker, boolean reGrade) {
        EpisodeAssembler.Assembly assembly = EpisodeAssembler.assemble(input, window.from(), window.to());
        List<Violation> violations = new ArrayList<>();
        for (RecordRef ref : input.unreadable()) {
            if (ref.topic().equals(Topics.GRADED.name()) || ref.topic().equals(Topics.TRAJECTORIES.name())) {
                violations.add(new Violation(Check.UNREADABLE_RECORD, "", ref, "the grader wrote a record that "
                        + "cannot be deserialized with its registered schema"));
            }
        }
        Map<EpisodeStatus, Integer> statuses = new HashMap<>();
        List<String> open = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int gradedAttempts = 0;
        int gradedRecords = 0;
        int trajectories = 0;
        int retries = 0;
        int late = 0;
        for (AuditedEpisode e : assembly.inWindow()) {
            EpisodeStatus status = EpisodeStatus.of(e, window.horizon(), window.closeGrace());
            statuses.merge(status, 1, Integer::sum);
            if (status == EpisodeStatus.OPEN) {
                open.add(e.episodeId());
            }
            violations.addAll(GradingChecks.check(e, status));
            violations.addAll(TrajectoryChecks.check(e, status));
            violations.addAll(RetryChecks.check(e));
            gradedAttempts += e.gradedOnce().size();
            gradedRecords += e.graded().size();
            trajectories += e.trajectories().size();
            retries += e.retryPrompts().size();
            late += GradingChecks.lateAttempts(e);
            if (!e.trajectories().isEmpty()) {
                Trajectory t = e.trajectories().get(0).value();
                outcomes.merge(t.getOutcome().name(), 1, Integer::sum);
            }
        }
        Set<String> actors = new HashSet<>();
        violations.addAll(PolicyOrderCheck.check(assembly.inWindow(), actors));
        List<RegradeResult> regrade = List.of();
        if (reGrade) {
            regrade = new Regrader(checker, input.groundTruth()).regrade(assembly.inWindow());
            for (RegradeResult r : regrade) {
                for (RegradeResult.Disagreement d : r.disagreements()) {
                    violations.add(new Violation(Check.REGRADE_DISAGREEMENT, d.episodeId(), d.record(),
                            "grader " + r.graderVersion() + " recorded " + d.recorded() + " for attempt "
                                    + d.attempt() + ", the current checker says " + d.current() + "; " + d.detail()));
                }
            }
        }
        violations.sort(Violation.IN_LOG_ORDER);
        AuditCounts counts = new AuditCounts(input.recordsRead(), input.unreadable().size(),
                assembly.inWindow().size(), assembly.startedBefore(), assembly.startedAfter(),
                statuses.getOrDefault(EpisodeStatus.CLOSED, 0), statuses.getOrDefault(EpisodeStatus.OPEN, 0),
                statuses.getOrDefault(EpisodeStatus.NOT_CLOSED, 0), gradedAttempts, gradedRecords, trajectories,
                retries, late, actors.size(), outcomes);
        return new AuditReport(window, counts, violations, open, reGrade, regrade);
    }
}
