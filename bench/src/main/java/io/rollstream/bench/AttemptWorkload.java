package io.rollstream.bench;

import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic stream of attempts as the actors publish them: episodes of N attempts (N drawn from 1..max),
 * each attempt a 1 KiB response whose token ids come from the policy's own tokenizer with one log-prob per token,
 * answering a {@link ScriptedQuestion} correctly, in an equivalent form, wrongly or without a box. An episode's
 * attempts come one after another and stop at the first correct one or at N, so a grader that reads them in
 * order grades every one and closes every episode, without a feeder or an actor in the loop.
 */
public final class AttemptWorkload {

    /** Characters (= tokens of the character tokenizer) of every response. */
    public static final int RESPONSE_CHARS = 1024;

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();
    private static final String ACTOR_ID = "bench-actor";
    private static final String POLICY = "bench";
    private static final String RUN = "bench";
    private static final String[] STEPS = {
        "Step %d: adding %d and %d gives %d, which carries into the next line.\n",
        "Step %d: multiplying both sides by %d turns %d into %d, so the remaining term is clear.\n",
        "Step %d: check %d - %d = %d against the previous step; it is consistent.\n",
        "Step %d: rewrite the expression, collect like terms (%d, %d) and simplify to %d.\n",
    };

    /**
     * One attempt, the prompt it answers and the answer it was scripted to give. The grader learns of an
     * episode from its first prompt, so a first attempt's prompt must be published before it or beside it.
     */
    public record ScriptedAttempt(Attempt attempt, Prompt prompt, AnswerScript script) {
        public ScriptedAttempt {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(script, "script");
        }

        /** Whether this attempt opens its episode, so its prompt is one the grader must read. */
        public boolean opensEpisode() {
            return attempt.getAttempt() == 1;
        }
    }

    private final String episodePrefix;
    private final List<ScriptedQuestion> questions;
    private final int maxAttempts;
    private final SplittableRandom random;

    private long episodes;
    private String episodeId;
    private ScriptedQuestion question;
    private int episodeAttempts;
    private final List<String> earlierResponses = new ArrayList<>();
    private int tokensUsed;

    private AttemptWorkload(String episodePrefix, List<ScriptedQuestion> questions, int maxAttempts, long seed) {
        this.episodePrefix = episodePrefix;
        this.questions = questions;
        this.maxAttempts = maxAttempts;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A workload over {@code questionCount} questions whose episodes allow 1..{@code maxAttempts} attempts;
     * episode ids are {@code <episodePrefix>-<n>} so several workloads can share topics.
     */
    public static AttemptWorkload create(String episodePrefix, int questionCount, int maxAttempts, long seed) {
        if (questionCount < 1) {
            throw new IllegalArgumentException("questionCount must be >= 1, got " + questionCount);
        }
        return create(episodePrefix, AnswerMix.SHAPES.questions(questionCount, seed).questions(), maxAttempts, seed);
    }

    /** A workload over {@code questions} whose episodes allow 1..{@code maxAttempts} attempts. */
    public static AttemptWorkload create(String episodePrefix, List<ScriptedQuestion> questions, int maxAttempts,
                                         long seed) {
        Objects.requireNonNull(episodePrefix, "episodePrefix");
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one question");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        return new AttemptWorkload(episodePrefix, List.copyOf(questions), maxAttempts, seed);
    }

    /** The last line of a response that boxes {@code answer}. */
    static String boxedTail(String answer) {
        return "\nTherefore the final answer is \\boxed{" + answer + "}";
    }

    /** The last line of a response that gives {@code answer} without a box. */
    static String unboxedTail(String answer) {
        return "\nTherefore the final answer is " + answer + ".";
    }

    public List<ScriptedQuestion> questions() {
        return questions;
    }

    /** The questions as records for the questions topic. */
    public List<Question> questionRecords(Instant createdAt) {
        return questions.stream().map(q -> Question.newBuilder().setQuestionId(q.questionId())
                .setProblem(q.problem()).setAnswer(q.answer()).setDataset("bench").setSplit("train")
                .setSolution(null).setCreatedAt(createdAt).build()).toList();
    }

    /** Episodes started so far. */
    public long episodes() {
        return episodes;
    }

    /** The next attempt, finished (and about to be published) at {@code finishedAt}. */
    public ScriptedAttempt next(Instant finished) {
        // Avro keeps timestamps in milliseconds; truncating here makes a record equal to itself after a round trip.
        Instant finishedAt = finished.truncatedTo(ChronoUnit.MILLIS);
        if (episodeId == null) {
            startEpisode();
        }
        int k = earlierResponses.size() + 1;
        AnswerScript script = drawScript();
        String response = response(question.answerFor(script), script != AnswerScript.UNBOXED);
        Instant startedAt = finishedAt.minusMillis(200 + random.nextInt(3_000));
        Prompt prompt = prompt(k, startedAt);
        Attempt attempt = attempt(k, prompt, response, script, startedAt, finishedAt);
        if (script.isCorrect() || k == episodeAttempts) {
            episodeId = null;
        } else {
            earlierResponses.add(response);
            tokensUsed += attempt.getResponseTokenIds().size();
        }
        return new ScriptedAttempt(attempt, prompt, script);
    }

    private void startEpisode() {
        episodeId = episodePrefix + "-" + episodes++;
        question = questions.get(random.nextInt(questions.size()));
        episodeAttempts = 1 + random.nextInt(maxAttempts);
        earlierResponses.clear();
        tokensUsed = 0;
    }

    /** 25% the ground truth as written, 20% an equivalent form, 35% a wrong value, 20% no box. */
    private AnswerScript drawScript() {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return AnswerScript.CORRECT;
        }
        if (roll < 45) {
            return AnswerScript.CORRECT_EQUIVALENT;
        }
        return roll < 80 ? AnswerScript.WRONG : AnswerScript.UNBOXED;
    }

    private Prompt prompt(int k, Instant createdAt) {
        List<Message> messages = new ArrayList<>();
        messages.add(new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(ProtocolTemplate.PAPER, episodeAttempts)));
        messages.add(new Message(Role.USER, question.problem()));
        for (int j = 0; j < earlierResponses.size(); j++) {
            messages.add(new Message(Role.ASSISTANT, earlierResponses.get(j)));
            messages.add(new Message(Role.SYSTEM, EpisodeProtocol.feedback(ProtocolTemplate.PAPER, episodeAttempts - j - 1)));
        }
        return Prompt.newBuilder().setEpisodeId(episodeId).setQuestionId(question.questionId()).setGroupId(episodeId)
                .setGroupSize(1).setAttempt(k).setMaxAttempts(episodeAttempts).setMessages(messages)
                .setResponsePrefix(null).setOrigin(k == 1 ? PromptOrigin.FRESH : PromptOrigin.RETRY)
                .setTokenBudget(0).setTokensUsed(tokensUsed).setMaxNewTokens(2 * RESPONSE_CHARS)
                .setTemperature(null).setPolicyVersion(null).setCreatedAt(createdAt)
                .setTemplate(ProtocolTemplate.PAPER).setPromptId(Conversation.promptId(episodeId, k))
                .setPolicyName(POLICY).setRunId(RUN).build();
    }

    private Attempt attempt(int k, Prompt prompt, String response, AnswerScript script, Instant startedAt,
                            Instant finishedAt) {
        List<ChatMessage> chat = prompt.getMessages().stream()
                .map(m -> new ChatMessage(ChatRole.valueOf(m.getRole().name()), m.getContent())).toList();
        int[] promptIds = TOKENIZER.encodePrompt(chat, null);
        int[] text = TOKENIZER.encodeText(response);
        boolean boxed = script != AnswerScript.UNBOXED;
        // An unboxed response ends with the end-of-turn token, which stays in the ids as the actor keeps it.
        List<Integer> responseIds = new ArrayList<>(text.length + 1);
        for (int id : text) {
            responseIds.add(id);
        }
        if (!boxed) {
            responseIds.add(CharTokenizer.END_OF_TURN);
        }
        List<Integer> promptTokenIds = new ArrayList<>(promptIds.length);
        for (int id : promptIds) {
            promptTokenIds.add(id);
        }
        return Attempt.newBuilder().setEpisodeId(episodeId).setAttempt(k)
                .setPromptId(prompt.getPromptId()).setPolicyName(prompt.getPolicyName())
                .setRunId(prompt.getRunId()).setResponse(response)
                .setPromptTokenIds(promptTokenIds).setResponseTokenIds(responseIds)
                .setLogProbs(logProbs(responseIds.size())).setTemperature(1.0f).setTopP(1.0f)
                .setFinishReason(boxed ? FinishReason.BOXED : FinishReason.END_OF_TURN).setPolicyVersion(1L)
                .setActorId(ACTOR_ID).setStartedAt(startedAt).setFinishedAt(finishedAt).build();
    }

    /** Sampled tokens are mostly likely ones: log-probs cluster near 0 with a tail of unlikely picks. */
    private List<Float> logProbs(int count) {
        List<Float> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble();
            values.add((float) Math.log(1.0 - 0.95 * u * u * u));
        }
        return values;
    }

    /** Exactly {@link #RESPONSE_CHARS} characters of worked steps ending in the final answer. */
    private String response(String answer, boolean boxed) {
        String tail = boxed ? boxedTail(answer) : unboxedTail(answer);
        int body = RESPONSE_CHARS - tail.length();
        StringBuilder text = new StringBuilder(RESPONSE_CHARS + 128);
        for (int step = 1; text.length() < body; step++) {
            int a = 2 + random.nextInt(500);
            int b = 2 + random.nextInt(500);
            text.append(String.format(Locale.ROOT, STEPS[random.nextInt(STEPS.length)], step, a, b, a + b));
        }
        text.setLength(body);
        return text.append(tail).toString();
    }
}
