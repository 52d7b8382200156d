package io.rollstream.tasks;

import java.util.Objects;

/**
 * One question of a data set with its ground truth: what the feeder publishes to the questions topic and what
 * supervised warm start learns from.
 *
 * @param questionId stable identifier, the same every time the data set is read (dataset plus line or id)
 * @param problem    the problem statement shown to the policy
 * @param answer     the ground-truth final answer the grader compares against
 * @param solution   a worked solution ending in {@code \boxed{answer}}, or null when the data set has none
 * @param dataset    the data set's name, as {@link Dataset#id()} writes it
 * @param split      the split the question belongs to, e.g. train or test
 */
public record TaskItem(String questionId, String problem, String answer, String solution, String dataset,
                       String split) {

    public TaskItem {
        requireText(questionId, "questionId");
        requireText(problem, "problem");
        requireText(answer, "answer");
        requireText(dataset, "dataset");
        requireText(split, "split");
        if (solution != null && solution.isBlank()) {
            throw new IllegalArgumentException("solution of " + questionId + " is blank; use null for none");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
