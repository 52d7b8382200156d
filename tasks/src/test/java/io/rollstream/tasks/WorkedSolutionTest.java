package io.rollstream.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkedSolutionTest {

    @Test
    void shouldParseWhatItRenders() {
        String text = "23+58=81\n81*3=243\n243-17=226\n\\boxed{226}";
        WorkedSolution parsed = WorkedSolution.parse(text).orElseThrow();
        assertEquals(text, parsed.render());
        assertEquals(226, parsed.answer());
        assertTrue(parsed.steps().stream().allMatch(WorkedSolution.Step::isCorrect));
    }

    @Test
    void shouldNotParseOtherFormats() {
        assertEquals(Optional.empty(), WorkedSolution.parse("Natalia sold 24 clips.\n\\boxed{72}"));
        assertEquals(Optional.empty(), WorkedSolution.parse("23+58=81\n\\boxed{80}"));
        assertEquals(Optional.empty(), WorkedSolution.parse("23+58=81\n80*3=240\n\\boxed{240}"));
    }

    @Test
    void shouldSlipOneStepAndWorkTheRestFromTheWrongValue() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 2000; i++) {
            WorkedSolution sample = new SyntheticTask(SyntheticDifficulty.HARD).sample(random).solution();
            WorkedSolution slipped = sample.withSlip(random);
            assertNotEquals(sample.answer(), slipped.answer(), sample.render());
            List<WorkedSolution.Step> steps = slipped.steps();
            assertEquals(sample.steps().size(), steps.size());
            long wrongSteps = steps.stream().filter(s -> !s.isCorrect()).count();
            assertEquals(1, wrongSteps, slipped.render());
            int wrongAt = 0;
            while (steps.get(wrongAt).isCorrect()) {
                wrongAt++;
            }
            assertEquals(sample.steps().subList(0, wrongAt), steps.subList(0, wrongAt));
            String was = Long.toString(sample.steps().get(wrongAt).result());
            String now = Long.toString(steps.get(wrongAt).result());
            assertEquals(was.length(), now.length(), was + " -> " + now);
            int changedDigits = 0;
            for (int d = 0; d < was.length(); d++) {
                changedDigits += was.charAt(d) == now.charAt(d) ? 0 : 1;
            }
            assertEquals(1, changedDigits, was + " -> " + now);
            assertTrue(WorkedSolution.parse(slipped.render()).isPresent(), slipped.render());
        }
    }
}
