package io.rollstream.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceFormatTest {

    @Test
    void shouldTakeTheFinalNumberOfAGsm8kSolution() {
        assertEquals("1234", ReferenceFormat.GSM8K.reference("3 + 4 = <<3+4=7>>7 apples.\n#### 1,234"));
        assertEquals("72", ReferenceFormat.GSM8K.reference("#### 1\nthen #### 72 "), "the last mark counts");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceFormat.GSM8K.reference("72"));
        assertTrue(e.getMessage().contains("####"), e.getMessage());
    }

    @Test
    void shouldGradeAmcFloatsAndAimeIntegersByValue() {
        assertEquals("27", ReferenceFormat.AMC.reference("27.0"));
        assertEquals("0.5", ReferenceFormat.AMC.reference(" 0.50"));
        assertEquals("-3", ReferenceFormat.AMC.reference("-3.000"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceFormat.AMC.reference("\\frac{1}{2}"));
        assertEquals("25", ReferenceFormat.AIME.reference("025"));
        assertEquals("0", ReferenceFormat.AIME.reference("000"));
        assertEquals("\\frac{1}{2}", ReferenceFormat.AIME.reference("\\frac{1}{2}"), "not an integer: as stored");
    }

    @Test
    void shouldLeaveLatexAndPlainAnswersAsStored() {
        assertEquals("\\frac{\\sqrt{3}}{2}", ReferenceFormat.MATH.reference("\\frac{\\sqrt{3}}{2}"));
        assertEquals("#### 5", ReferenceFormat.PLAIN.reference("#### 5"));
    }

    @Test
    void shouldNameEachDataSetsFormatAndParseNames() {
        assertEquals(ReferenceFormat.GSM8K, ReferenceFormat.of(Dataset.GSM8K));
        assertEquals(ReferenceFormat.MATH, ReferenceFormat.of(Dataset.MATH500));
        assertEquals(ReferenceFormat.AMC, ReferenceFormat.of(Dataset.AMC23));
        assertEquals(ReferenceFormat.AIME, ReferenceFormat.of(Dataset.AIME24));
        assertEquals(ReferenceFormat.PLAIN, ReferenceFormat.of(Dataset.SYNTHETIC));
        assertEquals(ReferenceFormat.GSM8K, ReferenceFormat.parse("GSM8K"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceFormat.parse("csv"));
        assertTrue(e.getMessage().contains("plain|gsm8k|math|amc|aime"), e.getMessage());
    }
}
