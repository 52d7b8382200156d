package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonlGraderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AnswerChecker checker;

    @BeforeAll
    static void startChecker() {
        checker = new AnswerChecker(CheckerConfig.defaults());
    }

    @AfterAll
    static void stopChecker() {
        checker.close();
    }

    private static List<JsonNode> run(String input, GradeSummary[] summary) throws Exception {
        StringWriter out = new StringWriter();
        summary[0] = new JsonlGrader(checker).run(new StringReader(input), out);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void shouldWriteOneVerdictLinePerInputLineInOrder() throws Exception {
        String input = String.join("\n",
                "{\"response\": \"so \\\\boxed{\\\\frac{1}{2}}\", \"answer\": \"0.5\"}",
                "{\"response\": \"so \\\\boxed{3}\", \"answer\": \"4\"}",
                "{\"response\": \"no box here\", \"answer\": \"4\"}",
                "{\"response\": \"\\\\boxed{27}\", \"answer\": 27.0}",
                "{\"response\": \"\\\\boxed{10^{10^{10}}}\", \"answer\": \"5\"}") + "\n";
        GradeSummary[] summary = new GradeSummary[1];
        List<JsonNode> lines = run(input, summary);

        assertEquals(5, lines.size());
        assertEquals("CORRECT", lines.get(0).get("verdict").asText());
        assertEquals("\\frac{1}{2}", lines.get(0).get("extracted").asText());
        assertTrue(lines.get(0).get("reason").isNull());
        assertTrue(lines.get(0).get("millis").isIntegralNumber());
        assertEquals("WRONG", lines.get(1).get("verdict").asText());
        assertEquals("3", lines.get(1).get("extracted").asText());
        assertEquals("UNFORMATTED", lines.get(2).get("verdict").asText());
        assertTrue(lines.get(2).get("extracted").isNull());
        assertEquals("CORRECT", lines.get(3).get("verdict").asText());
        assertEquals("UNSCORABLE", lines.get(4).get("verdict").asText());
        assertTrue(lines.get(4).get("reason").asText().contains("range"));
        assertEquals(new GradeSummary(5, 2, 1, 1, 1, summary[0].totalMillis()), summary[0]);
    }

    @Test
    void shouldTurnMalformedLinesIntoUnscorableLinesWithoutSkippingThem() throws Exception {
        String input = String.join("\n",
                "{not json",
                "[1, 2]",
                "{\"answer\": \"4\"}",
                "{\"response\": \"\\\\boxed{4}\", \"answer\": [4]}",
                "",
                "{\"response\": \"\\\\boxed{4}\", \"answer\": \"4\"}");
        GradeSummary[] summary = new GradeSummary[1];
        List<JsonNode> lines = run(input, summary);

        assertEquals(6, lines.size());
        for (int i = 0; i < 5; i++) {
            assertEquals("UNSCORABLE", lines.get(i).get("verdict").asText(), "line " + (i + 1));
            assertTrue(lines.get(i).get("reason").asText().startsWith("malformed"), lines.get(i).toString());
        }
        assertEquals("CORRECT", lines.get(5).get("verdict").asText());
        assertEquals(6, summary[0].lines());
        assertEquals(5, summary[0].unscorable());
    }

    @Test
    void shouldSummariseAnEmptyInput() throws Exception {
        GradeSummary[] summary = new GradeSummary[1];
        assertEquals(List.of(), run("", summary));
        assertEquals(new GradeSummary(0, 0, 0, 0, 0, 0), summary[0]);
        assertEquals(0.0, summary[0].accuracy());
        assertEquals(0.0, summary[0].meanMillis());
    }
}
