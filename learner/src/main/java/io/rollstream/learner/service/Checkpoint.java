package io.rollstream.learner.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.learner.replay.ReplayBuffer;
import io.rollstream.learner.replay.ReplayBufferConfig;
import io.rollstream.learner.train.LearnerModels;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.schemas.avro.Trajectory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads one checkpoint directory: {@code policy.bin} and {@code reference.bin} (weights files),
 * {@code optimizer.bin} (Adam moments and step counts, see {@code ResumableAdam}), {@code replay.json} (the
 * replay buffer) and {@code state.json} ({@link CheckpointState}, consumed-but-untrained trajectories as
 * base64 Avro).
 */
public final class Checkpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoint() {
    }

    /** What a checkpoint restores; the caller owns {@code models}. */
    public record Restored(LearnerModels models, ReplayBuffer replay, CheckpointState state) {
    }

    /** Writes a complete checkpoint and makes it the latest. */
    public static Path write(CheckpointStore store, LearnerModels models, ReplayBuffer replay, CheckpointState state)
            throws IOException {
        Path dir = store.begin(state.update());
        models.policy().save(dir.resolve("policy.bin"));
        models.reference().save(dir.resolve("reference.bin"));
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve("optimizer.bin"))))) {
            models.optimizer().save(out);
        }
        Files.write(dir.resolve("replay.json"), replay.toJson());
        Files.write(dir.resolve("state.json"), JSON.writeValueAsBytes(toJson(state)));
        return store.commit(dir, state.update());
    }

    /** Reads the checkpoint in {@code dir} onto {@code device}. */
    public static Restored read(Path dir, DeviceChoice device, float learningRate, ReplayBufferConfig replayConfig)
            throws IOException {
        CheckpointState state = fromJson(JSON.readTree(dir.resolve("state.json").toFile()));
        ReplayBuffer replay = ReplayBuffer.fromJson(Files.readAllBytes(dir.resolve("replay.json")), replayConfig);
        PolicyModel policy = PolicyModel.load(dir.resolve("policy.bin"), device);
        PolicyModel reference;
        try {
            reference = PolicyModel.load(dir.resolve("reference.bin"), device);
        } catch (IOException | RuntimeException e) {
            policy.close();
            throw e;
        }
        LearnerModels models = LearnerModels.create(policy, reference, learningRate);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve("optimizer.bin"))))) {
            models.optimizer().load(in);
        } catch (IOException | RuntimeException e) {
            models.close();
            throw e;
        }
        return new Restored(models, replay, state);
    }

    static ObjectNode toJson(CheckpointState state) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
        root.put("update", state.update());
        root.put("version", state.version());
        ObjectNode offsets = root.putObject("offsets");
        state.offsets().forEach((p, o) -> offsets.put(Integer.toString(p), o));
        ObjectNode counters = root.putObject("counters");
        state.counters().forEach(counters::put);
        ObjectNode logs = root.putObject("logLengths");
        state.logLengths().forEach(logs::put);
        ObjectNode assembler = root.putObject("assembler");
        assembler.put("discardedGroups", state.assembler().discardedGroups());
        ArrayNode pending = assembler.putArray("pending");
        for (AssemblerSnapshot.Group g : state.assembler().pending()) {
            ObjectNode group = pending.addObject();
            group.put("groupId", g.groupId());
            group.put("size", g.size());
            group.put("dropped", g.dropped());
            encode(group.putArray("kept"), g.kept());
        }
        ArrayNode ready = assembler.putArray("ready");
        for (List<Trajectory> unit : state.assembler().ready()) {
            encode(ready.addArray(), unit);
        }
        return root;
    }

    static CheckpointState fromJson(JsonNode root) throws IOException {
        if (root.path("formatVersion").asInt() != 1) {
            throw new IOException("unsupported checkpoint state format " + root.path("formatVersion"));
        }
        Map<Integer, Long> offsets = new HashMap<>();
        root.path("offsets").fields().forEachRemaining(e -> offsets.put(Integer.parseInt(e.getKey()),
                e.getValue().asLong()));
        Map<String, Long> counters = new LinkedHashMap<>();
        root.path("counters").fields().forEachRemaining(e -> counters.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> logs = new LinkedHashMap<>();
        root.path("logLengths").fields().forEachRemaining(e -> logs.put(e.getKey(), e.getValue().asLong()));
        JsonNode assembler = root.path("assembler");
        List<AssemblerSnapshot.Group> pending = new ArrayList<>();
        for (JsonNode g : assembler.path("pending")) {
            pending.add(new AssemblerSnapshot.Group(g.path("groupId").asText(), g.path("size").asInt(),
                    g.path("dropped").asInt(), decode(g.path("kept"))));
        }
        List<List<Trajectory>> ready = new ArrayList<>();
        for (JsonNode unit : assembler.path("ready")) {
            ready.add(decode(unit));
        }
        return new CheckpointState(root.path("update").asLong(), root.path("version").asLong(), offsets,
                new AssemblerSnapshot(pending, ready, assembler.path("discardedGroups").asLong()), counters, logs);
    }

    private static void encode(ArrayNode out, List<Trajectory> trajectories) throws IOException {
        for (Trajectory t : trajectories) {
            ByteBuffer buffer = t.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.add(Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static List<Trajectory> decode(JsonNode array) throws IOException {
        List<Trajectory> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(Trajectory.fromByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(item.asText()))));
        }
        return out;
    }
}
