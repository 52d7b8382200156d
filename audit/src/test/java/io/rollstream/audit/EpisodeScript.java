package io.rollstream.audit;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the records of one episode exactly as the grader writes them, from scripted responses: a response
 * with the boxed ground truth is CORRECT, another boxed answer WRONG, no box UNFORMATTED (what the real
 * checker says for these plain integers).
 *
 * @param firstPrompt  the feeder's attempt-1 prompt
 * @param attempts     one attempt per response used
 * @param graded       the graded record of each attempt
 * @param retries      the retry prompt after each non-closing attempt
 * @param trajectory   the closing trajectory; null while the episode is still open
 */
record EpisodeScript(Prompt firstPrompt, List<Attempt> attempts, List<GradedAttempt> graded, List<Prompt> retries,
                     Trajectory trajectory) {

    static final String GRADER_VERSION = "1.0.0";

    static Question question(String id, String answer, Instant createdAt) {
        return Question.newBuilder().setQuestionId(id).setProblem("What is " + id + "?").setAnswer(answer)
                .setDataset("scripted").setSplit("train").setSolution(null).setCreatedAt(createdAt).build();
    }

    static String correct(String answer) {
        return "The parts add up to \\boxed{" + answer + "}";
    }

    static String wrong(int guess) {
        return "Guessing \\boxed{" + guess + "}";
    }

    static String unformatted() {
        return "I am not sure";
    }

    /**
     * Plays an episode of {@code maxAttempts} attempts with these responses, stopping where the protocol closes
     * it; {@code close} false leaves it open (no trajectory) after the given responses.
     */
    static EpisodeScript play(String episodeId, String questionId, String answer, int maxAttempts, Instant start,
                              String actor, long policyVersion, boolean close, String... responses) {
        Prompt prompt = firstPrompt(episodeId, questionId, maxAttempts, start);
        Prompt first = prompt;
        List<Attempt> attempts = new ArrayList<>();
        List<GradedAttempt> graded = new ArrayList<>();
        List<Prompt> retries = new ArrayList<>();
        Instant now = start;
        for (String response : responses) {
            now = now.plusMillis(10);
            Attempt attempt = attempt(prompt, response, actor, policyVersion, now);
            attempts.add(attempt);
            Verdict verdict = response.contains("\\boxed{" + answer + "}") ? Verdict.CORRECT
                    : response.contains("\\boxed{") ? Verdict.WRONG : Verdict.UNFORMATTED;
            int k = prompt.getAttempt();
            int tokensUsed = prompt.getTokensUsed() + attempt.getResponseTokenIds().size();
            boolean closes = EpisodeProtocol.closesAfter(verdict, k, maxAttempts, tokensUsed, prompt.getTokenBudget());
            String feedback = closes ? null : EpisodeProtocol.feedback(prompt.getTemplate(), maxAttempts - k);
            now = now.plusMillis(10);
            graded.add(GradedAttempt.newBuilder().setEpisodeId(episodeId).setAttempt(k).setAttemptRecord(attempt)
                    .setExtractedAnswer(verdict == Verdict.UNFORMATTED ? null
                            : response.substring(response.indexOf("\\boxed{") + 7, response.length() - 1))
                    .setVerdict(verdict).setVerdictReason(null).setReward(EpisodeProtocol.attemptReward(verdict))
                    .setFeedback(feedback).setClosesEpisode(closes).setGraderVersion(GRADER_VERSION)
                    .setGradingMicros(100).setGradedAt(now).build());
            if (closes) {
                break;
            }
            List<Message> messages = new ArrayList<>(prompt.getMessages());
            messages.add(new Message(Role.ASSISTANT, response));
            messages.add(new Message(Role.SYSTEM, feedback));
            prompt = Prompt.newBuilder(prompt).setAttempt(k + 1).setMessages(messages).setResponsePrefix(null)
                    .setOrigin(PromptOrigin.RETRY).setTokensUsed(tokensUsed).setCreatedAt(now).build();
            retries.add(prompt);
        }
        Trajectory trajectory = close ? trajectory(first, graded, now.plusMillis(1)) : null;
        return new EpisodeScript(first, attempts, graded, retries, trajectory);
    }

    static Prompt firstPrompt(String episodeId, String questionId, int maxAttempts, Instant createdAt) {
        List<Message> messages = List.of(new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(maxAttempts)),
                new Message(Role.USER, "What is " + questionId + "?"));
        return Prompt.newBuilder().setEpisodeId(episodeId).setQuestionId(questionId).setGroupId(episodeId)
                .setGroupSize(1).setAttempt(1).setMaxAttempts(maxAttempts).setMessages(messages)
                .setResponsePrefix(null).setOrigin(PromptOrigin.FRESH).setTokenBudget(0).setTokensUsed(0)
                .setMaxNewTokens(0).setTemperature(null).setPolicyVersion(null).setCreatedAt(createdAt).build();
    }

    static Attempt attempt(Prompt prompt, String response, String actor, long policyVersion, Instant at) {
        List<Integer> tokens = new ArrayList<>();
        List<Float> logProbs = new ArrayList<>();
        for (int i = 0; i < response.length(); i++) {
            tokens.add((int) response.charAt(i));
            logProbs.add(-1.0f);
        }
        return Attempt.newBuilder().setEpisodeId(prompt.getEpisodeId()).setAttempt(prompt.getAttempt())
                .setPromptId(prompt.getPromptId()).setPolicyName(prompt.getPolicyName())
                .setRunId(prompt.getRunId()).setResponse(response).setPromptTokenIds(List.of(1))
                .setResponseTokenIds(tokens)
                .setLogProbs(logProbs).setTemperature(1.0f).setTopP(1.0f)
                .setFinishReason(response.contains("\\boxed{") ? FinishReason.BOXED : FinishReason.END_OF_TURN)
                .setPolicyVersion(policyVersion).setActorId(actor).setStartedAt(at).setFinishedAt(at).build();
    }

    private static Trajectory trajectory(Prompt first, List<GradedAttempt> graded, Instant closedAt) {
        Outcome outcome = EpisodeProtocol.outcome(graded.stream().map(GradedAttempt::getVerdict).toList());
        int tokens = graded.stream().mapToInt(g -> g.getAttemptRecord().getResponseTokenIds().size()).sum();
        return Trajectory.newBuilder().setEpisodeId(first.getEpisodeId()).setQuestionId(first.getQuestionId())
                .setGroupId(first.getGroupId()).setGroupSize(first.getGroupSize())
                .setMaxAttempts(first.getMaxAttempts()).setOrigin(first.getOrigin()).setAttempts(graded)
                .setOutcome(outcome).setTerminalReward(EpisodeProtocol.terminalReward(outcome))
                .setTokensUsed(tokens)
                .setPolicyVersions(graded.stream().map(g -> g.getAttemptRecord().getPolicyVersion()).toList())
                .setGraderVersion(GRADER_VERSION).setOpenedAt(first.getCreatedAt()).setClosedAt(closedAt).build();
    }
}
