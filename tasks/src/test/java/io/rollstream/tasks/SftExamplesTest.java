package io.rollstream.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftExamplesTest {

    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{([^}]*)}$");

    private final List<TaskItem> items = new SyntheticTask(SyntheticDifficulty.MEDIUM).items("train", 300, 4);

    @Test
    void shouldRoundTripThroughJsonLines(@TempDir Path dir) {
        List<SftExample> examples = new SftExamples(ProtocolTemplate.COMPACT, AttemptsPolicy.parse("1-5"), 0.5)
                .build(items, 1);
        Path file = dir.resolve("sft.jsonl");
        SftExamples.write(examples, file);
        assertEquals(examples, SftExamples.read(file));
    }

    @Test
    void shouldWriteTheDocumentedJsonShape() {
        SftExample example = new SftExample(List.of(new Message(Role.SYSTEM, "Answer in \\boxed{}. 1 attempts."),
                new Message(Role.USER, "Compute 2+3.")), "2+3=5\n\\boxed{5}");
        String line = SftExamples.toJsonLine(example);
        assertEquals("{\"messages\":[{\"role\":\"system\",\"content\":\"Answer in \\\\boxed{}. 1 attempts.\"},"
                + "{\"role\":\"user\",\"content\":\"Compute 2+3.\"}],\"target\":\"2+3=5\\n\\\\boxed{5}\"}", line);
        assertEquals(example, SftExamples.fromJsonLine(line));
    }

    @Test
    void shouldStartEveryQuestionWithAFirstAttemptAndAddSomeRetries() {
        List<SftExample> examples = new SftExamples(ProtocolTemplate.PAPER, AttemptsPolicy.parse("1-5"), 0.3)
                .build(items, 2);
        long firstAttempts = examples.stream().filter(e -> e.messages().size() == 2).count();
        long retries = examples.stream().filter(e -> e.messages().size() == 4).count();
        assertEquals(items.size(), firstAttempts);
        assertEquals(examples.size(), firstAttempts + retries);
        assertTrue(retries > 50 && retries < 130, "retry examples: " + retries);
        for (SftExample example : examples) {
            List<Message> m = example.messages();
            assertEquals(Role.SYSTEM, m.get(0).getRole());
            int n = Integer.parseInt(m.get(0).getContent().replaceAll(".*You have (\\d+) attempts.*", "$1"));
            assertEquals(EpisodeProtocol.systemPrompt(ProtocolTemplate.PAPER, n), m.get(0).getContent());
            assertEquals(Role.USER, m.get(1).getRole());
            TaskItem item = items.stream().filter(i -> i.problem().equals(m.get(1).getContent())).findFirst()
                    .orElseThrow();
            assertEquals(item.solution(), example.target());
            if (m.size() == 4) {
                assertTrue(n >= 2, "a retry needs N >= 2");
                assertEquals(Role.ASSISTANT, m.get(2).getRole());
                assertNotEquals(item.answer(), boxed(m.get(2).getContent()), m.get(2).getContent());
                assertEquals(new Message(Role.SYSTEM, EpisodeProtocol.feedback(ProtocolTemplate.PAPER, n - 1)), m.get(3));
            }
        }
    }

    @Test
    void shouldMakeNoRetryExampleWhenOneAttemptIsAllThereIs() {
        List<SftExample> examples = new SftExamples(ProtocolTemplate.COMPACT, AttemptsPolicy.parse("1"), 1.0)
                .build(items, 3);
        assertEquals(items.size(), examples.size());
        assertTrue(examples.stream().allMatch(e -> e.messages().size() == 2));
    }

    @Test
    void shouldShiftTheLastBoxedIntegerOfAFreeFormSolution() {
        String solution = "Natalia sold 48/2 = 24 clips in May.\nSo 48+24 = 72 in all.\n\\boxed{72}";
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            String wrong = SftExamples.wrongAttempt(solution, random).orElseThrow();
            long answer = Long.parseLong(boxed(wrong));
            assertTrue(answer != 72 && Math.abs(answer - 72) <= 10, wrong);
            assertTrue(wrong.startsWith("Natalia sold 48/2 = 24 clips in May.\nSo 48+24 = 72 in all.\n\\boxed{"));
        }
        assertEquals(Optional.empty(), SftExamples.wrongAttempt("so \\boxed{\\frac{1}{2}}", random));
    }

    @Test
    void shouldReplayOwnMistakesEachFollowedByItsFeedback() {
        TaskItem item = new TaskItem("synthetic/x", "Compute 18+98.", "116", "8+8=16\n1+9+1=11\n\\boxed{116}",
                "synthetic", "train");
        SftExample example = SftExamples.afterOwnMistakes(item, ProtocolTemplate.COMPACT, 4,
                List.of("8+8=16\n1+9=10\n\\boxed{106}", "\\boxed{115}"));
        assertEquals(List.of(
                new Message(Role.SYSTEM, "Answer in \\boxed{}. 4 attempts."),
                new Message(Role.USER, "Compute 18+98."),
                new Message(Role.ASSISTANT, "8+8=16\n1+9=10\n\\boxed{106}"),
                new Message(Role.SYSTEM, "Incorrect. 3 left. Try another."),
                new Message(Role.ASSISTANT, "\\boxed{115}"),
                new Message(Role.SYSTEM, "Incorrect. 2 left. Try another.")), example.messages());
        assertEquals(item.solution(), example.target());
        assertThrows(IllegalArgumentException.class,
                () -> SftExamples.afterOwnMistakes(item, ProtocolTemplate.COMPACT, 2, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class,
                () -> SftExamples.afterOwnMistakes(item, ProtocolTemplate.COMPACT, 2, List.of()));
    }

    @Test
    void shouldSkipQuestionsWithoutASolution() {
        TaskItem noSolution = new TaskItem("amc23/0", "Cities A and B ...", "27", null, "amc23", "test");
        assertEquals(List.of(), new SftExamples(ProtocolTemplate.PAPER, AttemptsPolicy.parse("2"), 1.0)
                .build(List.of(noSolution), 0));
    }

    @Test
    void shouldNameTheLineThatCannotBeRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        java.nio.file.Files.writeString(file, SftExamples.toJsonLine(new SftExample(
                List.of(new Message(Role.USER, "q")), "a")) + "\n{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}],"
                + "\"target\":\"y\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SftExamples.read(file));
        assertTrue(e.getMessage().contains("line 2: unknown role 'robot'"), e.getMessage());
    }

    private static String boxed(String text) {
        Matcher m = BOXED.matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
