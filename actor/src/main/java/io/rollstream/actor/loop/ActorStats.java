package io.rollstream.actor.loop;

/**
 * Totals of one actor so far.
 *
 * @param attempts          attempts committed
 * @param tokens            tokens generated (aborted batches included: the work was done)
 * @param deadLetters       unreadable prompts dead-lettered
 * @param batches           batches generated
 * @param abortedBatches    transactions aborted and retried
 * @param servingVersion    policy version serving now, 0 before the first
 * @param generationSeconds time spent generating
 */
public record ActorStats(long attempts, long tokens, long deadLetters, long batches, long abortedBatches,
        long servingVersion, double generationSeconds) {

    /** Generated tokens per second of generation time; 0 before any. */
    public double tokensPerGenerationSecond() {
        return generationSeconds > 0 ? tokens / generationSeconds : 0;
    }
}
