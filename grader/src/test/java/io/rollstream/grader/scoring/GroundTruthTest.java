package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

    @Test
    void shouldTakeTheTextAfterTheMarker() {
        assertEquals(Optional.of("72"), GroundTruth.fromGsm8k("Natalia sold 48+24 = <<48+24=72>>72 clips.\n#### 72"));
    }

    @Test
    void shouldKeepThousandsSeparatorsForTheNormaliser() {
        assertEquals(Optional.of("2,125"), GroundTruth.fromGsm8k("so\n#### 2,125"));
    }

    @Test
    void shouldUseTheLastMarker() {
        assertEquals(Optional.of("-3"), GroundTruth.fromGsm8k("#### 5\n#### -3 "));
    }

    @Test
    void shouldBeEmptyWithoutAMarkerOrAnswer() {
        assertTrue(GroundTruth.fromGsm8k("no marker here").isEmpty());
        assertTrue(GroundTruth.fromGsm8k("text ####   ").isEmpty());
        assertTrue(GroundTruth.fromGsm8k(null).isEmpty());
    }
}
