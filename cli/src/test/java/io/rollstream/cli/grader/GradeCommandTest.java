package io.rollstream.cli.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollstream grade} against answers as the data sets store them. */
class GradeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldTakeAGsm8kReferenceAfterItsMarkWhenTheDataSetIsNamed() throws Exception {
        Path input = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"response\": \"so \\\\boxed{72}\", \"answer\": \"48 + 24 = <<48+24=72>>72\\n#### 72\"}",
                "{\"response\": \"so \\\\boxed{71}\", \"answer\": \"#### 72\"}",
                "{\"response\": \"so \\\\boxed{72}\", \"answer\": \"72\"}") + "\n");
        assertEquals(List.of("WRONG", "WRONG", "CORRECT"), verdicts(input, "plain"));
        assertEquals(List.of("CORRECT", "WRONG", "UNSCORABLE"), verdicts(input, "--dataset", "gsm8k"));
        assertEquals(List.of("CORRECT", "WRONG", "UNSCORABLE"), verdicts(input, "--reference-format", "gsm8k"));
    }

    @Test
    void shouldGradeAmcAndAimeAnswersByValue() throws Exception {
        Path input = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"response\": \"\\\\boxed{27}\", \"answer\": 27.0}",
                "{\"response\": \"\\\\boxed{25}\", \"answer\": \"025\"}") + "\n");
        assertEquals("CORRECT", verdicts(input, "--dataset", "amc23").get(0));
        assertEquals("CORRECT", verdicts(input, "--dataset", "aime24").get(1));
    }

    @Test
    void shouldRefuseTwoFormatsOrAnUnknownOneWithExitTwo() {
        CommandRun both = CommandRun.of("grade", "--dataset", "gsm8k", "--reference-format", "plain");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give one"), both.err());
        CommandRun unknown = CommandRun.of("grade", "--reference-format", "csv");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("plain|gsm8k|math|amc|aime"), unknown.err());
    }

    private List<String> verdicts(Path input, String... format) throws Exception {
        Path output = dir.resolve("out-" + System.nanoTime() + ".jsonl");
        String[] args = format.length == 1 ? new String[] {"grade", "--input", input.toString(), "--output",
                output.toString()} : new String[] {"grade", "--input", input.toString(), "--output", output.toString(),
                format[0], format[1]};
        CommandRun run = CommandRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return Files.readAllLines(output).stream().map(line -> {
            try {
                return JSON.readTree(line).get("verdict").asText();
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }
}
