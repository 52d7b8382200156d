package io.rollstream.grader.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.schemas.headers.DeadLetter;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraderTopologyTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static AnswerChecker checker;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Attempt> attempts;
    private TestInputTopic<String, Prompt> prompts;
    private TestInputTopic<byte[], byte[]> rawAttempts;
    private TestOutputTopic<String, GradedAttempt> graded;
    private TestOutputTopic<String, Trajectory> trajectories;
    private TestOutputTopic<String, Prompt> promptsOut;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeAll
    static void startChecker() {
        checker = new AnswerChecker(CheckerConfig.defaults());
    }

    @AfterAll
    static void stopChecker() {
        checker.close();
    }

    @BeforeEach
    void setUp() {
        CatalogSerdes serdes = CatalogSerdes.create(new InMemorySchemaRegistryClient(), SerdeOptions.defaults());
        GraderSettings settings = new GraderSettings("test-1", TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "grader-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(GraderTopology.build(settings, serdes, checker, GraderListener.NONE), props,
                Episodes.T0);
        TestInputTopic<String, Question> questions = driver.createInputTopic(Topics.QUESTIONS.name(),
                serdes.keySerde(Topics.QUESTIONS).serializer(), serdes.valueSerde(Topics.QUESTIONS).serializer());
        questions.pipeInput("q1", Episodes.question("q1", "42"));
        questions.pipeInput("q2", Episodes.question("q2", "\\frac{1}{2}"));
        attempts = driver.createInputTopic(Topics.ATTEMPTS.name(), serdes.keySerde(Topics.ATTEMPTS).serializer(),
                serdes.valueSerde(Topics.ATTEMPTS).serializer());
        prompts = driver.createInputTopic(Topics.PROMPTS.name(), serdes.keySerde(Topics.PROMPTS).serializer(),
                serdes.valueSerde(Topics.PROMPTS).serializer());
        rawAttempts = driver.createInputTopic(Topics.ATTEMPTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        graded = driver.createOutputTopic(Topics.GRADED.name(), serdes.keySerde(Topics.GRADED).deserializer(),
                serdes.valueSerde(Topics.GRADED).deserializer());
        trajectories = driver.createOutputTopic(Topics.TRAJECTORIES.name(),
                serdes.keySerde(Topics.TRAJECTORIES).deserializer(), serdes.valueSerde(Topics.TRAJECTORIES).deserializer());
        promptsOut = driver.createOutputTopic(Topics.PROMPTS.name(), serdes.keySerde(Topics.PROMPTS).deserializer(),
                serdes.valueSerde(Topics.PROMPTS).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(Attempt attempt) {
        attempts.pipeInput(attempt.getEpisodeId(), attempt);
    }

    /** Answers {@code prompt}; a first prompt is published before its attempt, as the feeder and actor do. */
    private Attempt answer(Prompt prompt, String response) {
        if (prompt.getOrigin() != PromptOrigin.RETRY) {
            prompts.pipeInput(prompt.getEpisodeId(), prompt);
        }
        Attempt attempt = Episodes.answer(prompt, response);
        send(attempt);
        return attempt;
    }

    @Test
    void shouldCloseSolvedEpisodeWhenFirstAttemptIsCorrect() {
        Prompt prompt = Episodes.firstPrompt("e1", "q1", 3);
        answer(prompt, "6 times 7 is \\boxed{42}");

        GradedAttempt verdict = graded.readValue();
        assertEquals(Verdict.CORRECT, verdict.getVerdict());
        assertEquals("42", verdict.getExtractedAnswer());
        assertEquals(1.0f, verdict.getReward());
        assertTrue(verdict.getClosesEpisode());
        assertNull(verdict.getFeedback());
        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.SOLVED, trajectory.getOutcome());
        assertEquals(1.0f, trajectory.getTerminalReward());
        assertEquals(1, trajectory.getAttempts().size());
        assertEquals(List.of(3L), trajectory.getPolicyVersions());
        assertTrue(promptsOut.isEmpty(), "a solved episode asks for no retry");
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void shouldAskForRetryWithExactFeedbackThenCloseWhenSecondAttemptIsCorrect() {
        Prompt first = Episodes.firstPrompt("e2", "q1", 3);
        answer(first, "I think \\boxed{41}");

        GradedAttempt wrong = graded.readValue();
        assertEquals(Verdict.WRONG, wrong.getVerdict());
        assertEquals("Your answer is incorrect. You have 2 attempts left. Try an alternative.", wrong.getFeedback());
        assertTrue(trajectories.isEmpty());
        TestRecord<String, Prompt> retryRecord = promptsOut.readRecord();
        Prompt retry = retryRecord.value();
        assertEquals("e2", retryRecord.key());
        assertEquals(2, retry.getAttempt());
        assertEquals(3, retry.getMaxAttempts());
        assertEquals(PromptOrigin.RETRY, retry.getOrigin());
        assertEquals("g-q1", retry.getGroupId());
        assertEquals(8, retry.getGroupSize());
        List<Message> messages = retry.getMessages();
        assertEquals(4, messages.size());
        assertEquals(new Message(Role.ASSISTANT, "I think \\boxed{41}"), messages.get(2));
        assertEquals(new Message(Role.SYSTEM,
                "Your answer is incorrect. You have 2 attempts left. Try an alternative."), messages.get(3));
        assertEquals("I think \\boxed{41}".length(), retry.getTokensUsed());
        assertEquals("2", Provenance.get(retryRecord.headers(), Provenance.ATTEMPT).orElseThrow());

        answer(retry, "Again: \\boxed{42}");
        assertEquals(Verdict.CORRECT, graded.readValue().getVerdict());
        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.SOLVED, trajectory.getOutcome());
        assertEquals(1.0f, trajectory.getTerminalReward());
        assertEquals(2, trajectory.getAttempts().size());
        assertEquals(List.of(Verdict.WRONG, Verdict.CORRECT),
                trajectory.getAttempts().stream().map(GradedAttempt::getVerdict).toList());
    }

    @Test
    void shouldKeepTheFirstPromptsDecodingInEveryRetry() {
        Prompt first = Prompt.newBuilder(Episodes.firstPrompt("e-search", "q1", 3))
                .setDecoding(Decoding.VALUE_GUIDED_SEARCH).build();
        answer(first, "\\boxed{41}");
        assertEquals(Decoding.VALUE_GUIDED_SEARCH, promptsOut.readValue().getDecoding());
        Prompt plain = Episodes.firstPrompt("e-sample", "q1", 3);
        answer(plain, "\\boxed{41}");
        assertEquals(Decoding.SAMPLE, promptsOut.readValue().getDecoding());
    }

    @Test
    void shouldCloseFailedWithMinusHalfWhenAttemptsRunOut() {
        Prompt first = Episodes.firstPrompt("e3", "q1", 2);
        answer(first, "\\boxed{1}");
        Prompt retry = promptsOut.readValue();
        assertEquals("Your answer is incorrect. You have 1 attempts left. Try an alternative.",
                retry.getMessages().get(retry.getMessages().size() - 1).getContent());
        answer(retry, "\\boxed{2}");

        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.FAILED, trajectory.getOutcome());
        assertEquals(-0.5f, trajectory.getTerminalReward());
        assertTrue(promptsOut.isEmpty(), "no prompt after the last attempt");
        assertEquals(2, graded.readValuesToList().size());
    }

    @Test
    void shouldCloseWithMinusOneWhenNoAttemptIsBoxed() {
        Prompt first = Episodes.firstPrompt("e4", "q1", 2);
        answer(first, "the answer is 42");
        GradedAttempt unformatted = graded.readValue();
        assertEquals(Verdict.UNFORMATTED, unformatted.getVerdict());
        assertEquals(-1.0f, unformatted.getReward());
        answer(promptsOut.readValue(), "still 42, no box");

        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.NO_ANSWER, trajectory.getOutcome());
        assertEquals(-1.0f, trajectory.getTerminalReward());
    }

    @Test
    void shouldTreatSingleTurnAsOneAttempt() {
        Prompt only = Episodes.firstPrompt("e5", "q1", 1);
        answer(only, "\\boxed{7}");
        assertEquals(Outcome.FAILED, trajectories.readValue().getOutcome());
        assertTrue(promptsOut.isEmpty());
    }

    @Test
    void shouldCloseAsTimeoutWhenNoAttemptArrivesInTime() {
        Prompt prompt = Episodes.firstPrompt("e6", "q1", 3);
        prompts.pipeInput("e6", prompt);
        driver.advanceWallClockTime(TIMEOUT.minusSeconds(2));
        assertTrue(trajectories.isEmpty(), "not yet expired");
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.TIMEOUT, trajectory.getOutcome());
        assertNull(trajectory.getTerminalReward());
        assertTrue(trajectory.getAttempts().isEmpty());
    }

    @Test
    void shouldTimeOutAfterAWrongAttemptWhoseRetryIsNeverAnswered() {
        answer(Episodes.firstPrompt("e7", "q1", 3), "\\boxed{0}");
        promptsOut.readValue();
        driver.advanceWallClockTime(TIMEOUT.plusSeconds(1));
        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.TIMEOUT, trajectory.getOutcome());
        assertEquals(1, trajectory.getAttempts().size());

        answer(promptsOutRetry("e7"), "\\boxed{42}");
        assertEquals("EPISODE_CLOSED", reasonOf(deadLetters.readRecord().headers()));
        assertTrue(graded.readValuesToList().stream().noneMatch(g -> g.getAttempt() == 2));
    }

    private static Prompt promptsOutRetry(String episodeId) {
        Prompt prompt = Episodes.firstPrompt(episodeId, "q1", 3);
        prompt.setAttempt(2);
        prompt.setOrigin(PromptOrigin.RETRY);
        return prompt;
    }

    @Test
    void shouldDeadLetterADuplicatedAttemptWithoutGradingItTwice() {
        Prompt first = Episodes.firstPrompt("e8", "q1", 3);
        Attempt attempt = answer(first, "\\boxed{5}");
        send(attempt);

        assertEquals(1, graded.readValuesToList().size());
        assertEquals(1, promptsOut.readValuesToList().size());
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertEquals("DUPLICATE_ATTEMPT", reasonOf(dead.headers()));
        assertEquals("e8", new String(dead.key(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldDeadLetterAnOutOfOrderAttempt() {
        Prompt first = Episodes.firstPrompt("e9", "q1", 3);
        answer(first, "\\boxed{5}");
        Prompt third = promptsOut.readValue();
        third.setAttempt(3);
        answer(third, "\\boxed{42}");
        assertEquals("OUT_OF_ORDER", reasonOf(deadLetters.readRecord().headers()));
        assertTrue(trajectories.isEmpty());
    }

    @Test
    void shouldDeadLetterAnAttemptForAnUnknownEpisode() {
        Prompt second = promptsOutRetry("e10");
        answer(second, "\\boxed{42}");
        assertEquals("UNKNOWN_EPISODE", reasonOf(deadLetters.readRecord().headers()));
        assertTrue(graded.isEmpty());
    }

    @Test
    void shouldDeadLetterGarbageBytesWithSourceHeadersAndKeepGoing() {
        rawAttempts.pipeInput("e11".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7, 7});
        rawAttempts.pipeInput("e12".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0x7f, 1, 2});
        answer(Episodes.firstPrompt("e13", "q1", 1), "\\boxed{42}");

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(2, dead.size());
        TestRecord<byte[], byte[]> first = dead.get(0);
        assertEquals(List.of((byte) 7, (byte) 7, (byte) 7), List.of(first.value()[0], first.value()[1], first.value()[2]));
        Headers headers = first.headers();
        assertEquals(Topics.ATTEMPTS.name(), Provenance.get(headers, DeadLetter.SOURCE_TOPIC).orElseThrow());
        assertEquals("0", Provenance.get(headers, DeadLetter.SOURCE_PARTITION).orElseThrow());
        assertEquals("0", Provenance.get(headers, DeadLetter.SOURCE_OFFSET).orElseThrow());
        assertTrue(Provenance.get(headers, DeadLetter.ERROR_CLASS).orElseThrow().contains("SerializationException"));
        assertTrue(!Provenance.get(headers, DeadLetter.ERROR_MESSAGE).orElseThrow().isBlank());
        assertEquals("UNREADABLE", reasonOf(headers));
        assertEquals("1", Provenance.get(dead.get(1).headers(), DeadLetter.SOURCE_OFFSET).orElseThrow());
        assertEquals(Outcome.SOLVED, trajectories.readValue().getOutcome(), "the pipeline keeps going");
    }

    @Test
    void shouldGradeUnscorableAndDeadLetterWhenTheQuestionIsUnknown() {
        answer(Episodes.firstPrompt("e14", "no-such-question", 3), "\\boxed{42}");

        GradedAttempt verdict = graded.readValue();
        assertEquals(Verdict.UNSCORABLE, verdict.getVerdict());
        assertNull(verdict.getReward(), "never a silent reward of 0");
        assertTrue(verdict.getVerdictReason().contains("no-such-question"));
        assertEquals("UNSCORABLE", reasonOf(deadLetters.readRecord().headers()));
        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.UNSCORABLE, trajectory.getOutcome());
        assertNull(trajectory.getTerminalReward());
        assertTrue(promptsOut.isEmpty());
    }

    @Test
    void shouldCloseWhenTheTokenBudgetIsSpent() {
        Prompt first = Episodes.firstPrompt("e15", "q1", 5);
        first.setTokenBudget(10);
        answer(first, "a long wrong answer \\boxed{3}");
        Trajectory trajectory = trajectories.readValue();
        assertEquals(Outcome.FAILED, trajectory.getOutcome());
        assertTrue(promptsOut.isEmpty());
    }

    @Test
    void shouldCompareSymbolicAnswersThroughTheChecker() {
        answer(Episodes.firstPrompt("e16", "q2", 2), "so \\boxed{0.5}");
        assertEquals(Verdict.CORRECT, graded.readValue().getVerdict());
    }

    @Test
    void shouldStampProvenanceHeadersOnGradedAttempts() {
        answer(Episodes.firstPrompt("e17", "q1", 2), "\\boxed{42}");
        Headers headers = graded.readRecord().headers();
        assertEquals("test-1", Provenance.get(headers, Provenance.GRADER_VERSION).orElseThrow());
        assertEquals("3", Provenance.get(headers, Provenance.POLICY_VERSION).orElseThrow());
        assertEquals("e17", Provenance.get(headers, Provenance.EPISODE).orElseThrow());
        assertEquals("1", Provenance.get(headers, Provenance.ATTEMPT).orElseThrow());
    }

    @Test
    void shouldBuildTheRetryAndTheTrajectoryFromTheEpisodeStateAlone() {
        Prompt first = Episodes.firstPrompt("e20", "q1", 3);
        answer(first, "I think \\boxed{41}");
        Prompt retry = promptsOut.readValue();
        assertEquals("e20/2", retry.getPromptId());
        assertEquals("test-policy", retry.getPolicyName());
        assertEquals("run-test", retry.getRunId());
        assertEquals(first.getMaxNewTokens(), retry.getMaxNewTokens());
        assertEquals(first.getMessages(), retry.getMessages().subList(0, 2), "the first prompt's turns, then more");

        answer(retry, "\\boxed{42}");
        GradedAttempt second = graded.readValuesToList().get(1);
        assertEquals("test-policy", second.getPolicyName());
        Trajectory trajectory = trajectories.readValue();
        assertEquals(first.getMessages(), trajectory.getMessages(), "the conversation is held once");
        assertEquals("test-policy", trajectory.getPolicyName());
        assertEquals("run-test", trajectory.getRunId());
    }

    @Test
    void shouldHoldAFirstAttemptThatArrivesBeforeItsPromptUntilThePromptOpensTheEpisode() {
        Prompt first = Episodes.firstPrompt("e21", "q1", 2);
        send(Episodes.answer(first, "\\boxed{42}"));
        assertTrue(graded.isEmpty(), "nothing to grade against before the prompt");
        assertTrue(deadLetters.isEmpty());

        prompts.pipeInput("e21", first);
        assertEquals(Verdict.CORRECT, graded.readValue().getVerdict());
        assertEquals(Outcome.SOLVED, trajectories.readValue().getOutcome());
        driver.advanceWallClockTime(TIMEOUT.plusSeconds(5));
        assertTrue(deadLetters.isEmpty(), "a graded attempt is not dead-lettered later");
    }

    @Test
    void shouldGradeARunOfAttemptsHeldBeforeTheirPromptInOrder() {
        Prompt first = Episodes.firstPrompt("e25", "q1", 3);
        Prompt second = Prompt.newBuilder(first).setAttempt(2).setOrigin(PromptOrigin.RETRY)
                .setPromptId("e25/2").build();
        send(Episodes.answer(first, "\\boxed{41}"));
        send(Episodes.answer(second, "\\boxed{42}"));
        assertTrue(graded.isEmpty());

        prompts.pipeInput("e25", first);
        assertEquals(List.of(Verdict.WRONG, Verdict.CORRECT),
                graded.readValuesToList().stream().map(GradedAttempt::getVerdict).toList());
        assertEquals(Outcome.SOLVED, trajectories.readValue().getOutcome());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void shouldDeadLetterAFirstAttemptWhosePromptNeverComes() {
        send(Episodes.answer(Episodes.firstPrompt("e22", "q1", 2), "\\boxed{42}"));
        driver.advanceWallClockTime(TIMEOUT.minusSeconds(2));
        assertTrue(deadLetters.isEmpty(), "still waiting for the prompt");
        driver.advanceWallClockTime(Duration.ofSeconds(3));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertEquals("UNKNOWN_EPISODE", reasonOf(dead.headers()));
        assertEquals("e22", new String(dead.key(), StandardCharsets.UTF_8));
        assertEquals(Topics.ATTEMPTS.name(), Provenance.get(dead.headers(), DeadLetter.SOURCE_TOPIC).orElseThrow());
        assertTrue(graded.isEmpty());
        assertTrue(trajectories.isEmpty());
    }

    @Test
    void shouldDeadLetterAnAttemptGeneratedByAnotherPolicy() {
        Prompt first = Episodes.firstPrompt("e23", "q1", 2);
        prompts.pipeInput("e23", first);
        Attempt foreign = Episodes.answer(first, "\\boxed{42}");
        foreign.setPolicyName("someone-else");
        send(foreign);

        assertEquals("POLICY_MISMATCH", reasonOf(deadLetters.readRecord().headers()));
        assertTrue(graded.isEmpty());
    }

    @Test
    void shouldDeadLetterAnAttemptThatAnswersAnotherPrompt() {
        Prompt first = Episodes.firstPrompt("e24", "q1", 2);
        prompts.pipeInput("e24", first);
        Attempt stray = Episodes.answer(first, "\\boxed{42}");
        stray.setPromptId("e99/1");
        send(stray);

        assertEquals("INVALID_ATTEMPT", reasonOf(deadLetters.readRecord().headers()));
        assertTrue(graded.isEmpty());
    }

    private static String reasonOf(Headers headers) {
        return Provenance.get(headers, DeadLetter.REASON).orElseThrow();
    }
}
