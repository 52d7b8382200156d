package io.rollstream.feeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import org.junit.jupiter.api.Test;

class FeedConfigTest {

    private static FeedConfig config(Dataset dataset, String split, int limit, String attempts, int groupSize,
                                     PromptOrigin origin, Float temperature, double rate) {
        return new FeedConfig("localhost:9092", "http://localhost:8081", dataset, split, limit, 1,
                SyntheticDifficulty.MEDIUM, AttemptsPolicy.parse(attempts), groupSize, origin, ProtocolTemplate.PAPER,
                0, 0, temperature, null, rate, "p", "");
    }

    private static String failure(org.junit.jupiter.api.function.Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    @Test
    void shouldAcceptAnEvaluationWithAFixedCount() {
        FeedConfig eval = config(Dataset.MATH500, "test", 0, "2", 1, PromptOrigin.EVAL, 0f, 0);
        assertEquals(0, eval.tasks().limit());
    }

    @Test
    void shouldRejectMalformedClusterAddresses() {
        AttemptsPolicy attempts = AttemptsPolicy.parse("1-5");
        assertEquals("bootstrap-servers: expected host:port[,host:port...], got 'localhost'",
                failure(() -> new FeedConfig("localhost", "http://localhost:8081", Dataset.SYNTHETIC, "train", 1, 1,
                        SyntheticDifficulty.EASY, attempts, 1, PromptOrigin.FRESH, ProtocolTemplate.PAPER, 0, 0, null,
                        null, 0, "p", "")));
        assertEquals("schema-registry-url: expected an http(s)://host[:port] URL, got 'localhost:8081'",
                failure(() -> new FeedConfig("a:1,b:2", "localhost:8081", Dataset.SYNTHETIC, "train", 1, 1,
                        SyntheticDifficulty.EASY, attempts, 1, PromptOrigin.FRESH, ProtocolTemplate.PAPER, 0, 0, null,
                        null, 0, "p", "")));
    }

    @Test
    void shouldNameTheKeyOfEveryInvalidValue() {
        assertEquals("group-size: must be between 1 and 1024, got 0",
                failure(() -> config(Dataset.SYNTHETIC, "train", 10, "1-5", 0, PromptOrigin.FRESH, null, 0)));
        assertEquals("attempts: evaluation fixes N, so --origin eval needs a single count k, got 1-5",
                failure(() -> config(Dataset.SYNTHETIC, "test", 10, "1-5", 1, PromptOrigin.EVAL, null, 0)));
        assertEquals("origin: the feeder publishes FRESH or EVAL prompts, got RETRY",
                failure(() -> config(Dataset.SYNTHETIC, "train", 10, "1-5", 1, PromptOrigin.RETRY, null, 0)));
        assertEquals("split: math500 has test, got 'train'",
                failure(() -> config(Dataset.MATH500, "train", 10, "1-5", 1, PromptOrigin.FRESH, null, 0)));
        assertEquals("limit: synthetic problems are generated, so give a count >= 1",
                failure(() -> config(Dataset.SYNTHETIC, "train", 0, "1-5", 1, PromptOrigin.FRESH, null, 0)));
        assertEquals("rate: must be a finite number >= 0 (0 = as fast as possible), got -1.0",
                failure(() -> config(Dataset.SYNTHETIC, "train", 10, "1-5", 1, PromptOrigin.FRESH, null, -1)));
        assertEquals("temperature: must be a finite number >= 0 (0 = greedy), got NaN",
                failure(() -> config(Dataset.SYNTHETIC, "train", 10, "1-5", 1, PromptOrigin.FRESH, Float.NaN, 0)));
    }

    @Test
    void shouldRejectPolicyNamesThatCannotNameAConsumerGroup() {
        AttemptsPolicy attempts = AttemptsPolicy.parse("1");
        assertEquals("policy-name: 1-100 letters, digits, '.', '_' or '-', got 'a b'",
                failure(() -> new FeedConfig("a:1", "http://r:1", Dataset.SYNTHETIC, "train", 1, 1,
                        SyntheticDifficulty.EASY, attempts, 1, PromptOrigin.FRESH, ProtocolTemplate.PAPER, 0, 0, null,
                        null, 0, "a b", "")));
        assertEquals("run-id: empty or 1-100 letters, digits, '.', '_' or '-', got 'x/y'",
                failure(() -> new FeedConfig("a:1", "http://r:1", Dataset.SYNTHETIC, "train", 1, 1,
                        SyntheticDifficulty.EASY, attempts, 1, PromptOrigin.FRESH, ProtocolTemplate.PAPER, 0, 0, null,
                        null, 0, "p", "x/y")));
    }
}
