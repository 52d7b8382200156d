package io.rollstream.grader.topology;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.EpisodeState;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.schemas.headers.DeadLetter;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The multi-attempt episode state machine. Every input either changes exactly one episode (and writes the
 * graded attempt plus a retry prompt or a trajectory) or is dead-lettered with its reason; all of it inside the
 * task's exactly-once transaction. Store or broker failures are not caught: the task fails and resumes from
 * committed state.
 */
final class EpisodeGrader implements Processor<byte[], byte[], Object, Object> {

    /** Upper bound of episodes handled per punctuation, so one punctuation cannot stall the thread. */
    private static final int MAX_EXPIRED_PER_TICK = 10_000;

    private final GraderSettings settings;
    private final AnswerChecker checker;
    private final GraderListener listener;
    private final Deserializer<Attempt> attempts;
    private final Deserializer<Prompt> prompts;
    private final String component;

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, EpisodeState> episodes;
    private KeyValueStore<String, Long> closed;
    private DeadlineIndex deadlines;
    private KeyValueStore<String, Question> questions;
    private KeyValueStore<String, byte[]> pending;

    EpisodeGrader(GraderSettings settings, CatalogSerdes serdes, AnswerChecker checker, GraderListener listener) {
        this.settings = settings;
        this.checker = checker;
        this.listener = listener;
        this.attempts = serdes.valueSerde(Topics.ATTEMPTS).deserializer();
        this.prompts = serdes.valueSerde(Topics.PROMPTS).deserializer();
        this.component = "grader-" + settings.graderVersion();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.episodes = context.getStateStore(GraderTopology.EPISODE_STORE);
        this.closed = context.getStateStore(GraderTopology.CLOSED_STORE);
        this.deadlines = new DeadlineIndex(context.getStateStore(GraderTopology.DEADLINE_STORE));
        this.questions = context.getStateStore(GraderTopology.QUESTIONS_STORE);
        this.pending = context.getStateStore(GraderTopology.PENDING_STORE);
        context.schedule(settings.timeoutCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        try {
            if (Topics.PROMPTS.name().equals(source.topic())) {
                onPrompt(record, read(prompts, source.topic(), record.value(), record.headers()));
            } else {
                onAttempt(record, source, read(attempts, source.topic(), record.value(), record.headers()));
            }
        } catch (SerializationException e) {
            deadLetter(Input.of(record, source), e, Rejection.UNREADABLE.name());
        } catch (AttemptRejectedException e) {
            deadLetter(Input.of(record, source), e, e.rejection().name());
        }
    }

    private static <T> T read(Deserializer<T> deserializer, String topic, byte[] bytes, Headers headers) {
        if (bytes == null) {
            throw new SerializationException("tombstone on " + topic + ": a record here must have a value");
        }
        T value = deserializer.deserialize(topic, headers, bytes);
        if (value == null) {
            throw new SerializationException("empty value on " + topic);
        }
        return value;
    }

    /** A first prompt opens its episode, so the timeout clock runs even if no actor ever answers. */
    private void onPrompt(Record<byte[], byte[]> record, Prompt prompt) {
        if (prompt.getOrigin() == PromptOrigin.RETRY) {
            return; // written by this grader, which already holds the episode
        }
        requireKey(record, prompt.getEpisodeId());
        if (prompt.getAttempt() != 1 || prompt.getMaxAttempts() < 1) {
            throw new AttemptRejectedException(Rejection.INVALID_ATTEMPT, "a " + prompt.getOrigin()
                    + " prompt must be attempt 1 of N >= 1, got " + prompt.getAttempt() + " of " + prompt.getMaxAttempts());
        }
        String id = prompt.getEpisodeId();
        if (closed.get(id) != null || episodes.get(id) != null) {
            return; // its first attempt was already seen
        }
        long now = context.currentSystemTimeMs();
        EpisodeState state = EpisodeRecords.open(prompt, now, now + settings.attemptTimeout().toMillis());
        episodes.put(id, state);
        deadlines.add(DeadlineIndex.TIMEOUT, state.getDeadline().toEpochMilli(), id);
        byte[] waiting = pending.get(id);
        if (waiting == null) {
            return;
        }
        // Attempts came before this prompt: grade them now, in order, as if they had arrived after it.
        List<PendingAttempt> held = PendingAttempt.decodeAll(waiting);
        pending.delete(id);
        deadlines.remove(DeadlineIndex.ORPHAN, held.get(0).dueMillis(), id);
        for (PendingAttempt one : held) {
            Input input = new Input(record.key(), one.value(), Topics.ATTEMPTS.name(), one.partition(), one.offset());
            try {
                onOpenEpisode(input, read(attempts, Topics.ATTEMPTS.name(), one.value(), new RecordHeaders()), now);
            } catch (SerializationException | AttemptRejectedException e) {
                deadLetter(input, e, e instanceof AttemptRejectedException r ? r.rejection().name()
                        : Rejection.UNREADABLE.name());
            }
        }
    }

    private void onAttempt(Record<byte[], byte[]> record, RecordMetadata source, Attempt attempt) {
        String id = attempt.getEpisodeId();
        requireKey(record, id);
        int k = attempt.getAttempt();
        if (k < 1) {
            throw new AttemptRejectedException(Rejection.INVALID_ATTEMPT, "attempt index " + k + " of episode " + id);
        }
        if (closed.get(id) != null) {
            throw new AttemptRejectedException(Rejection.EPISODE_CLOSED, "episode " + id + " is already closed; attempt "
                    + k + " is late or duplicated");
        }
        long now = context.currentSystemTimeMs();
        if (episodes.get(id) == null) {
            hold(id, k, source, record.value(), now);
            return;
        }
        onOpenEpisode(Input.of(record, source), attempt, now);
    }

    /**
     * Holds an attempt whose episode's prompt has not been read yet (the prompts and attempts topics are read
     * independently): a first attempt starts the run held for the episode, a later one extends it when it is
     * the next; anything else cannot belong to an episode this grader will open.
     */
    private void hold(String id, int k, RecordMetadata source, byte[] value, long now) {
        byte[] waiting = pending.get(id);
        List<PendingAttempt> held = waiting == null ? new ArrayList<>() : PendingAttempt.decodeAll(waiting);
        if (held.size() + 1 != k) {
            throw k == 1 ? new AttemptRejectedException(Rejection.DUPLICATE_ATTEMPT, "attempt 1 of episode " + id
                    + " is already waiting for its prompt")
                    : new AttemptRejectedException(Rejection.UNKNOWN_EPISODE, "attempt " + k + " for unknown episode "
                    + id);
        }
        long due = held.isEmpty() ? now + settings.attemptTimeout().toMillis() : held.get(0).dueMillis();
        held.add(new PendingAttempt(source.partition(), source.offset(), due, value));
        pending.put(id, PendingAttempt.encodeAll(held));
        if (held.size() == 1) {
            deadlines.add(DeadlineIndex.ORPHAN, due, id);
        }
    }

    /** Grades an attempt of an episode this grader holds open. */
    private void onOpenEpisode(Input input, Attempt attempt, long now) {
        String id = attempt.getEpisodeId();
        int k = attempt.getAttempt();
        if (closed.get(id) != null) {
            throw new AttemptRejectedException(Rejection.EPISODE_CLOSED, "episode " + id + " is already closed; attempt "
                    + k + " is late or duplicated");
        }
        EpisodeState state = episodes.get(id);
        expectNext(state, k);
        validate(state, attempt);
        deadlines.remove(DeadlineIndex.TIMEOUT, state.getDeadline().toEpochMilli(), id);
        grade(input, attempt, state, now);
    }

    /** An attempt must answer its episode's prompt: within 1..N, with that prompt's id and policy. */
    private static void validate(EpisodeState state, Attempt attempt) {
        int k = attempt.getAttempt();
        String id = state.getEpisodeId();
        if (k > state.getMaxAttempts()) {
            throw new AttemptRejectedException(Rejection.INVALID_ATTEMPT, "attempt " + k + " of episode " + id
                    + " exceeds its " + state.getMaxAttempts() + " attempts");
        }
        String expected = Conversation.promptId(id, k);
        if (!attempt.getPromptId().isEmpty() && !attempt.getPromptId().equals(expected)) {
            throw new AttemptRejectedException(Rejection.INVALID_ATTEMPT, "attempt " + k + " of episode " + id
                    + " answers prompt " + attempt.getPromptId() + ", expected " + expected);
        }
        String policy = Conversation.policyOf(attempt.getPolicyName());
        if (!policy.equals(state.getPolicyName())) {
            throw new AttemptRejectedException(Rejection.POLICY_MISMATCH, "attempt " + k + " of episode " + id
                    + " was generated by policy " + policy + "; the episode belongs to " + state.getPolicyName());
        }
    }

    private static void expectNext(EpisodeState state, int k) {
        if (k < state.getNextAttempt()) {
            throw new AttemptRejectedException(Rejection.DUPLICATE_ATTEMPT, "attempt " + k + " of episode "
                    + state.getEpisodeId() + " was already graded");
        }
        if (k > state.getNextAttempt()) {
            throw new AttemptRejectedException(Rejection.OUT_OF_ORDER, "attempt " + k + " of episode "
                    + state.getEpisodeId() + " arrived while attempt " + state.getNextAttempt() + " was expected");
        }
    }

    private void grade(Input input, Attempt attempt, EpisodeState state, long now) {
        long started = System.nanoTime();
        GradeOutcome outcome = check(state, attempt);
        long micros = (System.nanoTime() - started) / 1_000;
        int k = attempt.getAttempt();
        int tokensUsed = state.getTokensUsed() + attempt.getResponseTokenIds().size();
        boolean closes = EpisodeProtocol.closesAfter(outcome.verdict(), k, state.getMaxAttempts(), tokensUsed,
                state.getTokenBudget());
        String feedback = closes ? null : EpisodeProtocol.feedback(state.getTemplate(), state.getMaxAttempts() - k);
        GradedAttempt graded = EpisodeRecords.graded(state, attempt, outcome, closes, feedback,
                settings.graderVersion(), micros, now);
        context.forward(new Record<>(attempt.getEpisodeId(), graded, now, provenance(attempt)), GraderTopology.GRADED_SINK);
        listener.graded(outcome.verdict(), micros, now - attempt.getFinishedAt().toEpochMilli());
        if (outcome.verdict() == Verdict.UNSCORABLE) {
            deadLetter(input, new AttemptRejectedException(Rejection.UNSCORABLE, outcome.reason()),
                    Rejection.UNSCORABLE.name());
        }

        List<GradedAttempt> history = new ArrayList<>(state.getGraded());
        history.add(graded);
        state.setGraded(history);
        state.setTokensUsed(tokensUsed);
        if (closes) {
            close(state, EpisodeProtocol.outcome(history.stream().map(GradedAttempt::getVerdict).toList()), now);
            return;
        }
        state.setNextAttempt(k + 1);
        state.setDeadline(Instant.ofEpochMilli(now + settings.attemptTimeout().toMillis()));
        episodes.put(state.getEpisodeId(), state);
        deadlines.add(DeadlineIndex.TIMEOUT, state.getDeadline().toEpochMilli(), state.getEpisodeId());
        // A prompt's attempt header names the attempt it asks for.
        Headers headers = Provenance.put(provenance(attempt), Provenance.ATTEMPT, k + 1);
        context.forward(new Record<>(attempt.getEpisodeId(), EpisodeRecords.retry(state, now), now, headers),
                GraderTopology.RETRY_SINK);
    }

    /** Grades against the ground truth of the question the episode holds; the attempt only refers to it. */
    private GradeOutcome check(EpisodeState state, Attempt attempt) {
        Question question = questions.get(state.getQuestionId());
        if (question == null) {
            return GradeOutcome.unscorable("no ground truth for question " + state.getQuestionId());
        }
        return GradeOutcome.of(checker.grade(EpisodeRecords.assistantText(state, attempt), question.getAnswer()));
    }

    private void close(EpisodeState state, Outcome outcome, long now) {
        String id = state.getEpisodeId();
        Headers headers = new RecordHeaders();
        Provenance.put(headers, Provenance.GRADER_VERSION, settings.graderVersion());
        Provenance.put(headers, Provenance.EPISODE, id);
        Provenance.put(headers, Provenance.ATTEMPT, state.getGraded().size());
        if (!state.getGraded().isEmpty()) {
            GradedAttempt last = state.getGraded().get(state.getGraded().size() - 1);
            Provenance.put(headers, Provenance.POLICY_VERSION, last.getAttemptRecord().getPolicyVersion());
        }
        context.forward(new Record<>(id, EpisodeRecords.trajectory(state, outcome, settings.graderVersion(), now),
                now, headers), GraderTopology.TRAJECTORY_SINK);
        episodes.delete(id);
        closed.put(id, now);
        deadlines.add(DeadlineIndex.PURGE, now + settings.closedRetention().toMillis(), id);
        listener.closed(outcome);
    }

    /** Closes episodes whose next attempt is overdue, and forgets closed episodes past their retention. */
    private void expire(long now) {
        for (String id : deadlines.takeDue(DeadlineIndex.TIMEOUT, now, MAX_EXPIRED_PER_TICK)) {
            EpisodeState state = episodes.get(id);
            if (state != null) {
                close(state, Outcome.TIMEOUT, now);
            }
        }
        for (String id : deadlines.takeDue(DeadlineIndex.PURGE, now, MAX_EXPIRED_PER_TICK)) {
            closed.delete(id);
        }
        for (String id : deadlines.takeDue(DeadlineIndex.ORPHAN, now, MAX_EXPIRED_PER_TICK)) {
            byte[] waiting = pending.get(id);
            if (waiting == null) {
                continue;
            }
            pending.delete(id);
            for (PendingAttempt orphan : PendingAttempt.decodeAll(waiting)) {
                deadLetter(new Input(id.getBytes(StandardCharsets.UTF_8), orphan.value(), Topics.ATTEMPTS.name(),
                        orphan.partition(), orphan.offset()), new AttemptRejectedException(Rejection.UNKNOWN_EPISODE,
                        "no prompt opened episode " + id + " within " + settings.attemptTimeout()
                                + " of its first attempt"), Rejection.UNKNOWN_EPISODE.name());
            }
        }
    }

    private Headers provenance(Attempt attempt) {
        Headers headers = new RecordHeaders();
        Provenance.put(headers, Provenance.GRADER_VERSION, settings.graderVersion());
        Provenance.put(headers, Provenance.POLICY_VERSION, attempt.getPolicyVersion());
        Provenance.put(headers, Provenance.EPISODE, attempt.getEpisodeId());
        Provenance.put(headers, Provenance.ATTEMPT, attempt.getAttempt());
        Provenance.put(headers, Provenance.ACTOR, attempt.getActorId());
        return headers;
    }

    private static void requireKey(Record<byte[], byte[]> record, String episodeId) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!episodeId.equals(key)) {
            throw new AttemptRejectedException(Rejection.KEY_MISMATCH, "record key " + key
                    + " is not the episode id " + episodeId);
        }
    }

    private void deadLetter(Input input, Exception error, String reason) {
        Headers headers = DeadLetter.annotate(new RecordHeaders(), input.topic(), input.partition(),
                input.offset(), error, reason, component);
        context.forward(new Record<>(input.key(), input.value(), context.currentSystemTimeMs(), headers),
                GraderTopology.DEAD_LETTER_SINK);
        listener.deadLettered(reason);
    }

    /** An input record's bytes and where it was read, for the dead-letter topic. */
    private record Input(byte[] key, byte[] value, String topic, int partition, long offset) {

        static Input of(Record<byte[], byte[]> record, RecordMetadata source) {
            return new Input(record.key(), record.value(), source.topic(), source.partition(), source.offset());
        }
    }
}
