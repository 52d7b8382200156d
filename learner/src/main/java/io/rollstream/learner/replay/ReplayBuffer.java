package io.rollstream.learner.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The retrospective-replay buffer: promising states found during training, handed out later as restart
 * points for replay prompts, bounded in size and checkpointed with the learner.
 *
 * <p>Every decision uses one ranking at the current learner step s. A state's retention score is
 * <pre>
 *   score = criticValue - ageWeight * max(0, s - createdAtStep) - visitWeight * visits
 * </pre>
 * and states are ranked by score (highest first), then by {@code createdAtStep} (newest first), then by
 * insertion order (earliest first). {@link #take} hands out the head of the ranking; when an
 * {@link #offer} takes the buffer past its capacity, the tail of the ranking is evicted, which may be the
 * offered state itself. A state is handed out at most {@code maxVisits} times and is dropped on its last visit.
 *
 * <p>Methods are synchronized so a checkpoint may be written from another thread than the training loop.
 */
public final class ReplayBuffer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplayBufferConfig config;
    // Insertion order; a visited state is replaced in place so it keeps its position.
    private final List<ReplayState> states = new ArrayList<>();
    private long lastStep;

    public ReplayBuffer(ReplayBufferConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Retention score of a state at learner step {@code step}, as in the class description. */
    public double retentionScore(ReplayState state, long step) {
        long age = Math.max(0, step - state.createdAtStep());
        return state.criticValue() - config.ageWeight() * age - config.visitWeight() * state.visits();
    }

    /**
     * Adds a state, evicting the lowest-ranked one if the buffer is over capacity.
     *
     * @return true if the state is held afterwards; false if it was evicted at once or had no visits left
     */
    public synchronized boolean offer(ReplayState state, long step) {
        Objects.requireNonNull(state, "state");
        advance(step);
        if (state.visits() >= config.maxVisits()) {
            return false;
        }
        states.add(state);
        boolean held = true;
        while (states.size() > config.capacity()) {
            List<Integer> ranking = ranking(step);
            int evicted = ranking.get(ranking.size() - 1);
            held &= evicted != states.size() - 1;
            states.remove(evicted);
        }
        return held;
    }

    /**
     * Hands out up to {@code n} states from the head of the ranking, each with its visit count incremented;
     * states reaching {@code maxVisits} leave the buffer.
     *
     * @return the visited states, best first; fewer than {@code n} when the buffer holds fewer
     */
    public synchronized List<ReplayState> take(int n, long step) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        advance(step);
        List<Integer> chosen = ranking(step).subList(0, Math.min(n, states.size()));
        List<ReplayState> taken = new ArrayList<>(chosen.size());
        for (int index : chosen) {
            ReplayState visited = states.get(index).visited();
            taken.add(visited);
            states.set(index, visited);
        }
        states.removeIf(s -> s.visits() >= config.maxVisits());
        return taken;
    }

    /** Number of states held. */
    public synchronized int size() {
        return states.size();
    }

    /** A copy of the held states in insertion order. */
    public synchronized List<ReplayState> states() {
        return List.copyOf(states);
    }

    /** The latest learner step passed to {@link #offer} or {@link #take}. */
    public synchronized long lastStep() {
        return lastStep;
    }

    /** The buffer as UTF-8 JSON, for the learner checkpoint. */
    public synchronized byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(new ReplaySnapshot(ReplaySnapshot.FORMAT_VERSION, lastStep, states));
        } catch (JsonProcessingException e) {
            // Records of strings and numbers always serialise; reaching this is a programming error.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Restores a buffer written by {@link #toJson()}. The configuration is today's, not the checkpoint's: states
     * with no visits left are dropped and, if the capacity shrank, the lowest-ranked states are evicted.
     *
     * @throws IOException if the bytes are not a valid snapshot
     */
    public static ReplayBuffer fromJson(byte[] json, ReplayBufferConfig config) throws IOException {
        ReplaySnapshot snapshot = JSON.readValue(json, ReplaySnapshot.class);
        ReplayBuffer buffer = new ReplayBuffer(config);
        buffer.lastStep = snapshot.lastStep();
        for (ReplayState state : snapshot.states()) {
            buffer.offer(state, snapshot.lastStep());
        }
        return buffer;
    }

    private void advance(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        lastStep = Math.max(lastStep, step);
    }

    /** Indices into {@link #states}, best first. */
    private List<Integer> ranking(long step) {
        Comparator<Integer> order = Comparator
                .<Integer>comparingDouble(i -> -retentionScore(states.get(i), step))
                .thenComparingLong(i -> -states.get(i).createdAtStep())
                .thenComparingInt(i -> i);
        return IntStream.range(0, states.size()).boxed().sorted(order).collect(Collectors.toList());
    }
}
