package io.rollstream.learner.replay;

/**
 * How the episodes of one GRPO group ended.
 *
 * @param solved episodes of the group that solved the question
 * @param size   episodes in the group, >= 1
 */
public record GroupOutcome(int solved, int size) {

    public GroupOutcome {
        if (size < 1 || solved < 0 || solved > size) {
            throw new IllegalArgumentException("need 0 <= solved <= size and size >= 1, got " + solved + " of " + size);
        }
    }

    /** An ungrouped episode is its own group of one, which is never mixed. */
    public static GroupOutcome single(boolean solved) {
        return new GroupOutcome(solved ? 1 : 0, 1);
    }

    /** Some but not all episodes solved the question: it is within the policy's reach. */
    public boolean mixed() {
        return solved > 0 && solved < size;
    }
}
