package io.rollstream.cli.feed;

import io.rollstream.cli.CommandRun;
import io.rollstream.feeder.FeedConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    /** {@code rollstream feed args...}, as users run it. */
    private static Run run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "feed";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandRun run = CommandRun.of(all);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    @Test
    void shouldRejectABadValueWithOneLineNamingTheOptionAndExitCodeTwo() {
        List<List<String>> cases = List.of(
                List.of("--attempts", "many", "--attempts"),
                List.of("--dataset", "mmlu", "synthetic|gsm8k|math500|aime24|amc23|one-shot"),
                List.of("--origin", "retry", "--origin"),
                List.of("--difficulty", "extreme", "easy|medium|hard|choice"),
                List.of("--group-size", "0", "--group-size"),
                List.of("--rate", "-2", "--rate"),
                List.of("--token-budget", "-1", "--token-budget"),
                List.of("--decoding", "beam", "value-guided-search"));
        for (List<String> c : cases) {
            Run run = run(c.get(0), c.get(1));
            assertEquals(2, run.exitCode(), c.toString());
            String firstLine = run.err().lines().findFirst().orElse("");
            assertTrue(firstLine.contains(c.get(2)), c + " -> " + firstLine);
            assertTrue(firstLine.contains(c.get(0)), c + " -> " + firstLine);
        }
    }

    @Test
    void shouldRejectCombinationsNamingTheOptionToChange() {
        Run split = run("--dataset", "math500", "--split", "train");
        assertEquals(2, split.exitCode());
        assertEquals("Invalid value for option '--split': math500 has test, got 'train'",
                split.err().lines().findFirst().orElseThrow());
        Run eval = run("--origin", "eval");
        assertEquals(2, eval.exitCode());
        assertTrue(eval.err().startsWith("Invalid value for option '--attempts': evaluation fixes N"), eval.err());
    }

    @Test
    void shouldDescribeEveryOptionInItsHelp() {
        Run help = run("--help");
        assertEquals(0, help.exitCode());
        for (String option : List.of("--bootstrap-servers", "--schema-registry-url", "--dataset", "--split", "--limit",
                "--seed", "--difficulty", "--attempts", "--group-size", "--origin", "--template", "--token-budget",
                "--max-new-tokens", "--temperature", "--policy-version", "--rate", "--data-dir", "--decoding")) {
            assertTrue(help.out().contains(option), option + " missing from help");
        }
    }

    @Test
    void shouldBuildTheConfigurationFromTheOptions() {
        FeedCommand command = CommandRun.parsed("feed", "--dataset", "gsm8k", "--limit", "0", "--attempts", "3", "--group-size", "8",
                "--origin", "EVAL", "--template", "compact", "--temperature", "0.6", "--policy-version", "12",
                "--rate", "50", "--bootstrap-servers", "kafka:9092", "--decoding", "value-guided-search");
        FeedConfig config = command.config();
        assertEquals(Dataset.GSM8K, config.dataset());
        assertEquals("train", config.split());
        assertEquals(new AttemptsPolicy.Fixed(3), config.attempts());
        assertEquals(8, config.groupSize());
        assertEquals(PromptOrigin.EVAL, config.origin());
        assertEquals(ProtocolTemplate.COMPACT, config.template());
        assertEquals(0.6f, config.temperature());
        assertEquals(12L, config.policyVersion());
        assertEquals(50.0, config.ratePerSecond());
        assertEquals("kafka:9092", config.bootstrapServers());
        assertEquals(SyntheticDifficulty.MEDIUM, config.difficulty());
        assertEquals(Decoding.VALUE_GUIDED_SEARCH, config.decoding());
    }

    @Test
    void shouldDefaultToTheEnvironmentOrLocalhost() {
        FeedCommand command = CommandRun.parsed("feed");
        FeedConfig config = command.config();
        String bootstrap = System.getenv("ROLLSTREAM_BOOTSTRAP_SERVERS");
        String registry = System.getenv("ROLLSTREAM_SCHEMA_REGISTRY_URL");
        assertEquals(bootstrap == null ? "localhost:9092" : bootstrap, config.bootstrapServers());
        assertEquals(registry == null ? "http://localhost:8081" : registry, config.schemaRegistryUrl());
        assertEquals(AttemptsPolicy.PAPER_TRAINING, config.attempts());
        assertEquals(Dataset.SYNTHETIC, config.dataset());
        assertEquals(Decoding.SAMPLE, config.decoding());
        assertEquals(100, config.limit());
        assertEquals(PromptOrigin.FRESH, config.origin());
        if (CommandRun.cleanEnvironment()) {
            assertEquals(FeedConfig.defaults(), config);
        }
    }
}
