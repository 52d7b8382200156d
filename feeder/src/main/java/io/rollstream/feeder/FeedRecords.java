package io.rollstream.feeder;

import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds what the feeder publishes, without Kafka: the question with its ground truth, and the first-attempt
 * prompts of its G episodes, which carry the problem but never the answer or the solution. Ids and N are
 * derived from the seed and the question id alone, so the same feed always produces the same episodes.
 */
public final class FeedRecords {

    private final FeedConfig config;

    /** Records for this configuration. */
    public FeedRecords(FeedConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The question record, ground truth included; only the grader reads it. */
    public Question question(TaskItem item, Instant now) {
        return Question.newBuilder()
                .setQuestionId(item.questionId())
                .setProblem(item.problem())
                .setAnswer(item.answer())
                .setDataset(item.dataset())
                .setSplit(item.split())
                .setSolution(item.solution())
                .setCreatedAt(now)
                .build();
    }

    /**
     * The first-attempt prompts of the question's G episodes: attempt 1 of N, the system prompt for N and the
     * problem. The G episodes share a group id and N, so GRPO compares answers to one and the same prompt.
     */
    public List<Prompt> firstPrompts(TaskItem item, Instant now) {
        int groupSize = config.groupSize();
        int maxAttempts = maxAttempts(item.questionId());
        List<Message> messages = List.of(
                new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(config.template(), maxAttempts)),
                new Message(Role.USER, item.problem()));
        List<Prompt> prompts = new ArrayList<>(groupSize);
        for (int index = 0; index < groupSize; index++) {
            String episodeId = episodeId(config, item.questionId(), index);
            prompts.add(Prompt.newBuilder()
                    .setEpisodeId(episodeId)
                    .setQuestionId(item.questionId())
                    .setGroupId(groupSize == 1 ? episodeId : groupId(config.seed(), item.questionId()))
                    .setGroupSize(groupSize)
                    .setAttempt(1)
                    .setMaxAttempts(maxAttempts)
                    .setMessages(new ArrayList<>(messages))
                    .setResponsePrefix(null)
                    .setOrigin(config.origin())
                    .setTokenBudget(config.tokenBudget())
                    .setTokensUsed(0)
                    .setMaxNewTokens(config.maxNewTokens())
                    .setTemperature(config.temperature())
                    .setPolicyVersion(config.policyVersion())
                    .setCreatedAt(now)
                    .setTemplate(config.template())
                    .setPromptId(Conversation.promptId(episodeId, 1))
                    .setPolicyName(config.policyName())
                    .setRunId(config.runId())
                    .setDecoding(config.decoding())
                    .build());
        }
        return prompts;
    }

    /** N for the question's episode group, drawn from the attempts policy with a generator seeded by the group. */
    public int maxAttempts(String questionId) {
        UUID group = uuid("group", config.seed(), questionId);
        return config.attempts().draw(new SplittableRandom(group.getMostSignificantBits()
                ^ group.getLeastSignificantBits()));
    }

    /**
     * The id of episode {@code index} of the question's group: the same for the same policy, run, seed, question
     * and index, so two policies fed the same questions never share an episode.
     */
    public static String episodeId(String policyName, String runId, long seed, String questionId, int index) {
        return uuid("episode", seed, policyName + "|" + runId + "|" + questionId + "|" + index).toString();
    }

    private static String episodeId(FeedConfig config, String questionId, int index) {
        return episodeId(config.policyName(), config.runId(), config.seed(), questionId, index);
    }

    /** The group id shared by the question's G episodes (G > 1). */
    public static String groupId(long seed, String questionId) {
        return uuid("group", seed, questionId).toString();
    }

    private static UUID uuid(String kind, long seed, String name) {
        return UUID.nameUUIDFromBytes(("rollstream-" + kind + "|" + seed + "|" + name)
                .getBytes(StandardCharsets.UTF_8));
    }
}
