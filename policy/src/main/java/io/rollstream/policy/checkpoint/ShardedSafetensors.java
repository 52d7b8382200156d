package io.rollstream.policy.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a Hugging Face folder: one {@code model.safetensors}, or shards listed by
 * {@code model.safetensors.index.json}'s {@code weight_map}. Every shard is opened (and so validated) up front.
 */
public final class ShardedSafetensors implements TensorSource {

    /** The single-file weights name. */
    public static final String SINGLE = "model.safetensors";
    /** The shard index name. */
    public static final String INDEX = "model.safetensors.index.json";

    private final Path folder;
    private final Map<String, SafetensorsFile> byTensor;

    private ShardedSafetensors(Path folder, Map<String, SafetensorsFile> byTensor) {
        this.folder = folder;
        this.byTensor = byTensor;
    }

    /** Opens the weights of {@code folder}, preferring the shard index when there is one. */
    public static ShardedSafetensors open(Path folder) throws CheckpointException {
        Path index = folder.resolve(INDEX);
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        if (!Files.exists(index)) {
            Path single = folder.resolve(SINGLE);
            if (!Files.exists(single)) {
                throw new CheckpointException(single, null, "missing: the folder has neither " + SINGLE + " nor " + INDEX);
            }
            SafetensorsFile file = SafetensorsFile.open(single);
            file.names().forEach(name -> byTensor.put(name, file));
            return new ShardedSafetensors(folder, byTensor);
        }
        JsonObject weightMap;
        try {
            weightMap = JsonParser.parseString(Files.readString(index)).getAsJsonObject().getAsJsonObject("weight_map");
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(index, "weight_map", "unreadable shard index: " + e.getMessage(), e);
        }
        if (weightMap == null) {
            throw new CheckpointException(index, "weight_map", "missing");
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : weightMap.entrySet()) {
            String shardName = entry.getValue().getAsString();
            SafetensorsFile shard = shards.get(shardName);
            if (shard == null) {
                shard = SafetensorsFile.open(folder.resolve(shardName));
                shards.put(shardName, shard);
            }
            if (!shard.names().contains(entry.getKey())) {
                throw new CheckpointException(folder.resolve(shardName), entry.getKey(),
                        "listed in " + INDEX + " but absent from the shard");
            }
            byTensor.put(entry.getKey(), shard);
        }
        return new ShardedSafetensors(folder, byTensor);
    }

    @Override
    public Set<String> names() {
        return byTensor.keySet();
    }

    @Override
    public long[] shape(String name) throws CheckpointException {
        return shard(name).shape(name);
    }

    @Override
    public Tensor read(String name) throws CheckpointException {
        return shard(name).read(name);
    }

    @Override
    public Path fileOf(String name) {
        SafetensorsFile shard = byTensor.get(name);
        return shard == null ? folder.resolve(SINGLE) : shard.fileOf(name);
    }

    private SafetensorsFile shard(String name) throws CheckpointException {
        SafetensorsFile shard = byTensor.get(name);
        if (shard == null) {
            throw new CheckpointException(fileOf(name), name, "no such tensor");
        }
        return shard;
    }
}
