package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchReport report() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("records", 1000);
        settings.put("threads", 2);
        List<Figure> figures = List.of(new Figure("round trips", 12_345.678, "records/s"),
                new Figure("latency p99", 3.25, "ms"));
        return new BenchReport("serde", settings, new MachineInfo(2, "JVM 17", "Linux", 1L << 30, 0.5), figures,
                BenchTable.of(figures), List.of("a note"));
    }

    @Test
    void shouldWriteSettingsMachineAndFiguresAsJson() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report().toJson());
        assertEquals("serde", json.get("benchmark").asText());
        assertEquals(1000, json.get("settings").get("records").asInt());
        assertEquals(2, json.get("machine").get("cores").asInt());
        assertEquals("round trips", json.get("figures").get(0).get("name").asText());
        assertEquals(12_345.678, json.get("figures").get(0).get("value").asDouble(), 1e-9);
        assertEquals("ms", json.get("figures").get(1).get("unit").asText());
    }

    @Test
    void shouldPrintAnAlignedTableAndTheNotes() {
        StringWriter text = new StringWriter();
        report().printResults(new PrintWriter(text));
        List<String> lines = text.toString().lines().filter(l -> l.contains("|")).toList();
        assertEquals(3, lines.size(), text.toString());
        assertTrue(lines.stream().allMatch(l -> l.length() == lines.get(0).length()), text.toString());
        assertTrue(text.toString().contains("12,346"), text.toString());
        assertTrue(text.toString().contains("3.25"), text.toString());
        assertTrue(text.toString().contains("note: a note"), text.toString());
    }

    @Test
    void shouldRefuseFiguresThatAreNotNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new Figure("rate", Double.NaN, "records/s"));
        assertThrows(IllegalArgumentException.class, () -> new BenchTable(List.of("a", "b"), List.of(List.of("x"))));
    }
}
