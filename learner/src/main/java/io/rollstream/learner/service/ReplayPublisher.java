package io.rollstream.learner.service;

import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.learner.replay.ReplayState;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Turns replay states into prompts on {@code rl-prompts-v1}. A replay prompt starts a new episode (origin REPLAY,
 * a new episode id, ungrouped, the same question id) at attempt 1, allowed the attempts the captured episode had
 * left ({@code N - k + 1} for a state cut from attempt k of N); its messages are the conversation before the
 * captured assistant turn (earlier attempts and feedback included) and its response prefix the kept part of
 * that turn. The system prompt in the messages keeps the original N. Episode ids derive from the origin
 * episode, the update and the position, so a prompt re-sent after a restart carries the same id.
 */
public final class ReplayPublisher {

    /** Every replay episode id starts with this. */
    public static final String EPISODE_PREFIX = "replay-";

    private final Producer<String, Prompt> producer;
    private final String policyName;
    private final float temperature;

    /** Replay prompts for {@code policyName}'s actors, sampled at {@code temperature}. */
    public ReplayPublisher(Producer<String, Prompt> producer, String policyName, float temperature) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.policyName = Objects.requireNonNull(policyName, "policyName");
        this.temperature = temperature;
    }

    /** Sends one prompt per state and waits for all of them. */
    public List<Prompt> publish(List<ReplayState> states, long update) throws IOException {
        List<Prompt> prompts = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            Prompt prompt = toPrompt(states.get(i), update, i, policyName, temperature);
            ProducerRecord<String, Prompt> record =
                    new ProducerRecord<>(Topics.PROMPTS.name(), prompt.getEpisodeId(), prompt);
            Provenance.put(record.headers(), Provenance.EPISODE, prompt.getEpisodeId());
            Provenance.put(record.headers(), Provenance.ATTEMPT, 1);
            sends.add(producer.send(record));
            prompts.add(prompt);
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing replay prompts", e);
        } catch (ExecutionException e) {
            throw new IOException("publishing replay prompts failed", e.getCause());
        }
        return prompts;
    }

    /** The prompt for one state, as described on the class. */
    public static Prompt toPrompt(ReplayState state, long update, int position, String policyName,
                                  float temperature) {
        String episodeId = EPISODE_PREFIX + UUID.nameUUIDFromBytes((state.origin().episodeId() + ":" + update + ":"
                + position).getBytes(StandardCharsets.UTF_8));
        List<Message> messages = new ArrayList<>();
        for (ChatMessage turn : state.conversation()) {
            messages.add(new Message(Role.valueOf(turn.role().name()), turn.content()));
        }
        int maxAttempts = state.origin().maxAttempts() - state.origin().attempt() + 1;
        return Prompt.newBuilder()
                .setEpisodeId(episodeId)
                .setQuestionId(state.questionId())
                .setGroupId(episodeId)
                .setGroupSize(1)
                .setAttempt(1)
                .setMaxAttempts(maxAttempts)
                .setMessages(messages)
                .setResponsePrefix(state.responsePrefix())
                .setOrigin(PromptOrigin.REPLAY)
                .setTokenBudget(0)
                .setTokensUsed(0)
                .setMaxNewTokens(0)
                .setTemperature(temperature)
                .setPolicyVersion(null)
                .setCreatedAt(Instant.now())
                .setTemplate(templateOf(state))
                .setPromptId(Conversation.promptId(episodeId, 1))
                .setPolicyName(policyName)
                .setRunId(state.origin().runId())
                .build();
    }

    private static ProtocolTemplate templateOf(ReplayState state) {
        String compact = EpisodeProtocol.systemPrompt(ProtocolTemplate.COMPACT, state.origin().maxAttempts());
        boolean isCompact = state.conversation().stream()
                .anyMatch(t -> t.role() == ChatRole.SYSTEM && t.content().equals(compact));
        return isCompact ? ProtocolTemplate.COMPACT : ProtocolTemplate.PAPER;
    }
}
