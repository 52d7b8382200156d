package io.rollstream.learner.replay;

/**
 * Bounds and eviction weights of the replay buffer. A state's retention score at learner step s is
 * {@code criticValue - ageWeight * (s - createdAtStep) - visitWeight * visits}; see {@link ReplayBuffer}.
 *
 * @param capacity    most states held (int, default 1024, >= 1)
 * @param maxVisits   times a state is handed out before it is dropped (int, default 4, >= 1)
 * @param ageWeight   score lost per learner step of age (double, default 0.001, >= 0): after 100 steps a
 *                    state has lost 0.1, a tenth of the solved reward
 * @param visitWeight score lost per visit (double, default 0.1, >= 0), so replays rotate over states
 */
public record ReplayBufferConfig(int capacity, int maxVisits, double ageWeight, double visitWeight) {

    public ReplayBufferConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay capacity must be >= 1, got " + capacity);
        }
        if (maxVisits < 1) {
            throw new IllegalArgumentException("replay maxVisits must be >= 1, got " + maxVisits);
        }
        if (!(ageWeight >= 0) || Double.isInfinite(ageWeight)) {
            throw new IllegalArgumentException("replay ageWeight must be finite and >= 0, got " + ageWeight);
        }
        if (!(visitWeight >= 0) || Double.isInfinite(visitWeight)) {
            throw new IllegalArgumentException("replay visitWeight must be finite and >= 0, got " + visitWeight);
        }
    }

    /** The defaults listed above. */
    public static ReplayBufferConfig defaults() {
        return new ReplayBufferConfig(1024, 4, 0.001, 0.1);
    }
}
