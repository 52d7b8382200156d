package io.rollstream.bench;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.EpisodeState;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import io.rollstream.schemas.serde.ConfluentWireFormat;
import io.rollstream.schemas.serde.EmbeddedV1Schemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sizes on the wire (Confluent header plus Avro binary) of the largest record of each kind in one episode of
 * {@code attempts} wrong attempts of {@code responseTokens} tokens each, in the lean layout the pipeline writes
 * and in the embedded layout it wrote before ({@link EmbeddedV1Schemas}): there an attempt carried its whole
 * prompt, a graded attempt that attempt, a trajectory every graded attempt, and the grader's state all of them.
 */
public final class EpisodeSizes {

    /** Kafka's default {@code max.message.bytes} (1 MiB plus the record batch overhead). */
    public static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, Schema> OLD = EmbeddedV1Schemas.all();

    /**
     * Bytes of the largest record of each kind, lean and embedded.
     *
     * @param kind     Prompt, Attempt, GradedAttempt, Trajectory or EpisodeState (the grader's changelog)
     * @param lean     bytes in today's layout
     * @param embedded bytes in the embedded layout
     */
    public record Row(String kind, long lean, long embedded) {
    }

    private EpisodeSizes() {
    }

    /** The rows for an episode of {@code attempts} attempts of {@code responseTokens} tokens each. */
    public static List<Row> of(int attempts, int responseTokens, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String id = "episode-sizes";
        List<Message> first = List.of(
                new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(ProtocolTemplate.PAPER, attempts)),
                new Message(Role.USER, "Find the remainder when 7^2026 is divided by 1000."));
        List<GradedAttempt> graded = new ArrayList<>();
        List<GenericRecord> gradedOld = new ArrayList<>();
        long[] lean = new long[5];
        long[] old = new long[5];
        int tokensUsed = 0;
        for (int k = 1; k <= attempts; k++) {
            Prompt prompt = prompt(id, k, attempts, Conversation.after(first, null, graded), tokensUsed);
            Attempt attempt = attempt(prompt, responseTokens, random);
            boolean closes = k == attempts;
            GradedAttempt g = graded(attempt, closes ? null : EpisodeProtocol.feedback(attempts - k));
            graded.add(g);
            tokensUsed += responseTokens;
            GenericRecord attemptOld = embed(attempt, Map.of("prompt", reread(prompt, OLD.get("Prompt"))),
                    OLD.get("Attempt"));
            GenericRecord gOld = embed(g, Map.of("attemptRecord", attemptOld), OLD.get("GradedAttempt"));
            gradedOld.add(gOld);
            EpisodeState state = state(id, first, graded, attempts, tokensUsed);
            GenericRecord stateOld = embed(state, Map.of("graded", gradedOld), OLD.get("EpisodeState"));
            max(lean, old, 0, wireSize(prompt), wireSize(prompt));
            max(lean, old, 1, wireSize(attempt), wireSizeEmbedded(attemptOld));
            max(lean, old, 2, wireSize(g), wireSizeEmbedded(gOld));
            max(lean, old, 4, wireSize(state), wireSizeEmbedded(stateOld));
        }
        Trajectory trajectory = trajectory(id, first, graded, attempts, tokensUsed);
        GenericRecord trajectoryOld = embed(trajectory, Map.of("attempts", gradedOld), OLD.get("Trajectory"));
        max(lean, old, 3, wireSize(trajectory), wireSizeEmbedded(trajectoryOld));
        String[] kinds = {"Prompt", "Attempt", "GradedAttempt", "Trajectory", "EpisodeState"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            rows.add(new Row(kinds[i], lean[i], old[i]));
        }
        return rows;
    }

    private static void max(long[] lean, long[] old, int i, long leanBytes, long oldBytes) {
        lean[i] = Math.max(lean[i], leanBytes);
        old[i] = Math.max(old[i], oldBytes);
    }

    private static Prompt prompt(String id, int k, int n, List<Message> messages, int tokensUsed) {
        return Prompt.newBuilder().setEpisodeId(id).setQuestionId("q-1").setGroupId(id).setGroupSize(1).setAttempt(k)
                .setMaxAttempts(n).setMessages(messages).setResponsePrefix(null)
                .setOrigin(k == 1 ? PromptOrigin.FRESH : PromptOrigin.RETRY).setTokenBudget(0)
                .setTokensUsed(tokensUsed).setMaxNewTokens(0).setTemperature(null).setPolicyVersion(null)
                .setCreatedAt(T0).setTemplate(ProtocolTemplate.PAPER).setPromptId(Conversation.promptId(id, k))
                .setPolicyName("multi-attempt").setRunId("bench").build();
    }

    /** A response of {@code tokens} tokens of about four characters each, as a BPE model writes them. */
    private static Attempt attempt(Prompt prompt, int tokens, SplittableRandom random) {
        StringBuilder text = new StringBuilder(tokens * 4);
        List<Integer> ids = new ArrayList<>(tokens);
        List<Float> logProbs = new ArrayList<>(tokens);
        for (int i = 0; i < tokens; i++) {
            text.append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)))
                    .append((char) ('a' + random.nextInt(26))).append(' ');
            ids.add(random.nextInt(150_000));
            logProbs.add((float) -random.nextDouble(3.0));
        }
        List<Integer> promptIds = new ArrayList<>();
        int promptTokens = 64 + (prompt.getAttempt() - 1) * (tokens + 24);
        for (int i = 0; i < promptTokens; i++) {
            promptIds.add(random.nextInt(150_000));
        }
        return Attempt.newBuilder().setEpisodeId(prompt.getEpisodeId()).setAttempt(prompt.getAttempt())
                .setResponse(text.toString()).setPromptTokenIds(promptIds).setResponseTokenIds(ids)
                .setLogProbs(logProbs).setTemperature(1f).setTopP(1f).setFinishReason(FinishReason.BOXED)
                .setPolicyVersion(12L).setActorId("actor-1").setStartedAt(T0).setFinishedAt(T0)
                .setPromptId(prompt.getPromptId()).setPolicyName(prompt.getPolicyName()).setRunId(prompt.getRunId())
                .build();
    }

    private static GradedAttempt graded(Attempt attempt, String feedback) {
        return GradedAttempt.newBuilder().setEpisodeId(attempt.getEpisodeId()).setAttempt(attempt.getAttempt())
                .setAttemptRecord(attempt).setExtractedAnswer("1").setVerdict(Verdict.WRONG).setVerdictReason(null)
                .setReward(EpisodeProtocol.attemptReward(Verdict.WRONG)).setFeedback(feedback)
                .setClosesEpisode(feedback == null).setGraderVersion("bench").setGradingMicros(50L).setGradedAt(T0)
                .setPolicyName(attempt.getPolicyName()).setRunId(attempt.getRunId()).build();
    }

    private static EpisodeState state(String id, List<Message> first, List<GradedAttempt> graded, int n, int used) {
        return EpisodeState.newBuilder().setEpisodeId(id).setQuestionId("q-1").setGroupId(id).setGroupSize(1)
                .setMaxAttempts(n).setOrigin(PromptOrigin.FRESH).setTemplate(ProtocolTemplate.PAPER)
                .setTokenBudget(0).setTokensUsed(used).setNextAttempt(graded.size() + 1)
                .setGraded(new ArrayList<>(graded)).setOpenedAt(T0).setDeadline(T0).setMessages(first)
                .setPolicyName("multi-attempt").setRunId("bench").build();
    }

    private static Trajectory trajectory(String id, List<Message> first, List<GradedAttempt> graded, int n,
                                         int used) {
        return Trajectory.newBuilder().setEpisodeId(id).setQuestionId("q-1").setGroupId(id).setGroupSize(1)
                .setMaxAttempts(n).setOrigin(PromptOrigin.FRESH).setAttempts(new ArrayList<>(graded))
                .setOutcome(Outcome.FAILED).setTerminalReward(-0.5f).setTokensUsed(used)
                .setPolicyVersions(graded.stream().map(g -> g.getAttemptRecord().getPolicyVersion()).toList())
                .setGraderVersion("bench").setOpenedAt(T0).setClosedAt(T0).setMessages(first)
                .setPolicyName("multi-attempt").setRunId("bench").build();
    }

    /** {@code record} in an embedded-layout schema: its fields by name, with {@code nested} put in instead. */
    private static GenericRecord embed(SpecificRecord record, Map<String, Object> nested, Schema schema) {
        GenericRecord full = reread(record, record.getSchema());
        GenericRecord out = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            out.put(field.name(), nested.containsKey(field.name()) ? nested.get(field.name()) : full.get(field.name()));
        }
        return out;
    }

    private static GenericRecord reread(SpecificRecord record, Schema schema) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(record.getSchema(), schema)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long wireSize(SpecificRecord record) {
        return ConfluentWireFormat.HEADER_SIZE + encoded(new SpecificDatumWriter<>(record.getSchema()), record);
    }

    private static long wireSizeEmbedded(GenericRecord record) {
        return ConfluentWireFormat.HEADER_SIZE + encoded(new GenericDatumWriter<>(record.getSchema()), record);
    }

    private static <T> long encoded(org.apache.avro.io.DatumWriter<T> writer, T record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
            return out.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
