package io.rollstream.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void shouldRoundTripThroughJson() {
        for (ModelPreset preset : ModelPreset.values()) {
            ModelConfig config = preset.config();
            assertEquals(config, ModelConfig.fromJson(config.toJson()));
        }
        ModelConfig separate = ModelConfig.preset("tiny").withValueHead(ValueHeadKind.SEPARATE);
        assertEquals(separate, ModelConfig.fromJson(separate.toJson()));
    }

    @Test
    void shouldListThePresetsWhenANameIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.preset("huge"));
        assertEquals("unknown model preset 'huge'; expected one of tiny, small, base", e.getMessage());
        assertEquals(ModelPreset.SMALL, ModelPreset.parse("Small"));
    }

    @Test
    void shouldRejectAWidthThatHeadsDoNotDivide() {
        assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig(100, 66, 2, 4, 128, 64, ValueHeadKind.SHARED));
    }

    @Test
    void shouldNameAMissingJsonKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromJson("{\"vocabSize\": 10}"));
        assertTrue(e.getMessage().contains("dModel"), e.getMessage());
    }

    @Test
    void shouldListDeviceAndValueHeadOptionsWhenUnknown() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"))
                .getMessage().contains("[AUTO, CPU, GPU]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValueHeadKind.parse("both"))
                .getMessage().contains("[SHARED, SEPARATE]"));
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse("cpu"));
    }
}
