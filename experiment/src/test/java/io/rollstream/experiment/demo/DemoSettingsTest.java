package io.rollstream.experiment.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void shouldRefuseADataSetWithoutBothSplitsBeforeAnythingStarts() {
        for (Dataset dataset : Dataset.values()) {
            boolean usable = dataset.splits().contains("train") && dataset.splits().contains("test");
            if (usable) {
                assertEquals(dataset, settings(dataset).dataset());
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(dataset));
                assertTrue(e.getMessage().contains(dataset.id() + " has only"), e.getMessage());
            }
        }
    }

    private static DemoSettings settings(Dataset dataset) {
        return new DemoSettings(Path.of("run"), null, null, ModelPreset.TINY, dataset, SyntheticDifficulty.EASY, 1,
                10, 10, 1, 1, 2, 5, 48, 8);
    }
}
