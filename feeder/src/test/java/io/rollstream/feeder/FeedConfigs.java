package io.rollstream.feeder;

import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;

/** Feed configurations for tests, varied one setting at a time. */
final class FeedConfigs {

    /** The policy the test feeds are for. */
    static final String POLICY = "test-policy";

    private FeedConfigs() {
    }

    static FeedConfig synthetic(int limit, int groupSize, String attempts, ProtocolTemplate template) {
        return new FeedConfig("localhost:9092", "http://localhost:8081", Dataset.SYNTHETIC, "train", limit, 42,
                SyntheticDifficulty.EASY, AttemptsPolicy.parse(attempts), groupSize, PromptOrigin.FRESH, template,
                400, 120, 0.7f, 3L, 0, POLICY, "");
    }
}
