package io.rollstream.feeder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a feed published, once every record was acknowledged.
 *
 * @param questions  questions published
 * @param prompts    first-attempt prompts published
 * @param episodeIds the episode id of every prompt, in publishing order
 * @param elapsed    wall time from the first send to the last acknowledgement
 */
public record FeedReport(int questions, int prompts, List<String> episodeIds, Duration elapsed) {

    public FeedReport {
        episodeIds = List.copyOf(episodeIds);
        Objects.requireNonNull(elapsed, "elapsed");
        if (episodeIds.size() != prompts) {
            throw new IllegalArgumentException(prompts + " prompts but " + episodeIds.size() + " episode ids");
        }
    }

    /** Prompts per second over the whole feed. */
    public double promptsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? prompts / seconds : 0;
    }

    /** One line for people. */
    public String describe() {
        return String.format(Locale.ROOT, "published %d questions and %d prompts (%d episodes) in %.3f s, "
                + "%.1f prompts/s", questions, prompts, episodeIds.size(), elapsed.toNanos() / 1e9, promptsPerSecond());
    }
}
