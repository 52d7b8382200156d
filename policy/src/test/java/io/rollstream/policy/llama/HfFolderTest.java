package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.checkpoint.SafetensorsFile;
import io.rollstream.policy.model.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfFolderTest {

    @TempDir
    Path dir;

    private Path copy(String name) throws Exception {
        Path target = dir.resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(TransformersReferenceTest.fixture(name))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    private static CheckpointException refusal(Path folder) {
        return assertThrows(CheckpointException.class,
                () -> LlamaModel.load(LlamaCheckpoint.open(folder), Device.cpu()).close());
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void shouldNameTheMissingFileOfAFolder() throws Exception {
        Path folder = copy("tiny-qwen2");
        Files.delete(folder.resolve("tokenizer.json"));
        CheckpointException e = refusal(folder);
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("missing"), e.getMessage());
        Path noWeights = copy("tiny-llama");
        Files.delete(noWeights.resolve("model-00003-of-00004.safetensors"));
        e = refusal(noWeights);
        assertTrue(e.getMessage().contains("model-00003-of-00004.safetensors"), e.getMessage());
    }

    @Test
    void shouldNameTheFileAndTensorOfATruncatedShard() throws Exception {
        Path folder = copy("tiny-llama");
        Path shard = folder.resolve("model-00002-of-00004.safetensors");
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(bytes, bytes.length - 100));
        CheckpointException e = refusal(folder);
        assertEquals(shard, e.file());
        assertTrue(e.key() != null && e.key().startsWith("model."), e.getMessage());
    }

    @Test
    void shouldRefuseAShapeThatDisagreesWithTheConfig() throws Exception {
        Path folder = copy("tiny-qwen2");
        edit(folder.resolve("config.json"), "\"intermediate_size\": 64", "\"intermediate_size\": 48");
        CheckpointException e = refusal(folder);
        assertEquals("model.layers.0.mlp.gate_proj.weight", e.key());
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void shouldRefuseUnsupportedArchitecturesAndRopeScalingNamingTheKey() throws Exception {
        Path gemma = copy("tiny-qwen2");
        edit(gemma.resolve("config.json"), "\"model_type\": \"qwen2\"", "\"model_type\": \"gemma\"");
        assertEquals("model_type", refusal(gemma).key());
        Path yarn = copy("tiny-llama");
        edit(yarn.resolve("config.json"), "\"rope_type\": \"default\"", "\"rope_type\": \"yarn\"");
        CheckpointException e = refusal(yarn);
        assertEquals("rope_parameters", e.key());
        assertTrue(e.getMessage().contains("yarn") && e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void shouldWriteSafetensorsThatLoadBackToTheSameModel() throws Exception {
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(TransformersReferenceTest.fixture("tiny-llama"));
        int[] ids = {1, 5, 9, 200};
        try (LlamaModel model = LlamaModel.load(checkpoint, Device.cpu())) {
            WeightsFile saved = model.save(dir.resolve("out/model.safetensors"));
            SafetensorsFile file = SafetensorsFile.open(saved.path());
            assertTrue(file.names().contains("lm_head.weight") && file.names().contains("value_head.weight"));
            assertEquals(64, saved.sha256().length());
            try (LlamaModel other = LlamaModel.load(
                    LlamaCheckpoint.open(TransformersReferenceTest.fixture("tiny-llama")), Device.cpu())) {
                float[] before = model.logits(ids);
                other.loadWeights(saved.path());
                assertArrayEquals(before, other.logits(ids), 0f);
            }
        }
    }
}
