package io.rollstream.feeder;

/**
 * How far a feed has come; reported after every published record.
 *
 * @param questionsSent  questions handed to the producer so far
 * @param questionsTotal questions to publish
 * @param promptsSent    prompts handed to the producer so far
 * @param promptsTotal   prompts to publish
 */
public record FeedProgress(int questionsSent, int questionsTotal, int promptsSent, int promptsTotal) {

    public FeedProgress {
        if (questionsSent < 0 || questionsSent > questionsTotal || promptsSent < 0 || promptsSent > promptsTotal) {
            throw new IllegalArgumentException("progress out of range: " + questionsSent + "/" + questionsTotal
                    + " questions, " + promptsSent + "/" + promptsTotal + " prompts");
        }
    }

    /** Share of all records published, 0..1. */
    public double fraction() {
        int total = questionsTotal + promptsTotal;
        return total == 0 ? 1.0 : (double) (questionsSent + promptsSent) / total;
    }
}
