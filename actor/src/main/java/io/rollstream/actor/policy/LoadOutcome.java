package io.rollstream.actor.policy;

import java.time.Duration;
import java.time.Instant;

/** What the follower did with one published policy version. */
public sealed interface LoadOutcome permits LoadOutcome.Loaded, LoadOutcome.Rejected, LoadOutcome.Skipped {

    /** The version the outcome is about. */
    long version();

    /** Verified, loaded and handed over for the next batch. */
    record Loaded(long version, Instant loadedAt, Duration loadTime) implements LoadOutcome {
    }

    /** Not loadable (sha256 or size mismatch, missing file, wrong architecture): the old version keeps serving. */
    record Rejected(long version, String reason) implements LoadOutcome {
    }

    /** Not newer than what was already loaded or tried. */
    record Skipped(long version) implements LoadOutcome {
    }
}
