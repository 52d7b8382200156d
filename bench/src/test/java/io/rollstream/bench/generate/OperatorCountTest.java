package io.rollstream.bench.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorCountTest {

    @Test
    void shouldCountOnlyTheOperatorsNotNestedInAnother() {
        List<TraceEvent> events = List.of(
                new TraceEvent("aten::linear", "1/a", 0, 10),
                new TraceEvent("aten::t", "1/a", 1, 1),
                new TraceEvent("aten::matmul", "1/a", 3, 5),
                new TraceEvent("aten::mm", "1/a", 4, 3),
                new TraceEvent("aten::add", "1/a", 10, 2),
                // Starting together, the longer one is the parent.
                new TraceEvent("aten::mm", "1/a", 20, 3),
                new TraceEvent("aten::matmul", "1/a", 20, 5),
                // Another thread's events are counted on their own clock.
                new TraceEvent("aten::slice", "1/b", 2, 1),
                new TraceEvent("aten::as_strided", "1/b", 2.5, 0.2));
        OperatorCount count = OperatorCount.topLevel(events);
        assertEquals(Map.of("aten::linear", 1L, "aten::add", 1L, "aten::matmul", 1L, "aten::slice", 1L),
                count.byName());
        assertEquals(4, count.total());
    }

    @Test
    void shouldDivideWhatTheLongerRunAddedByTheExtraUnits() {
        OperatorCount shorter = new OperatorCount(Map.of("matmul", 10L, "slice", 7L, "gone", 2L, "same", 3L));
        OperatorCount longer = new OperatorCount(Map.of("matmul", 30L, "slice", 12L, "new", 4L, "same", 3L));
        Map<String, Double> perStep = OperatorCount.perUnit(shorter, longer, 4);
        assertEquals(Map.of("matmul", 5.0, "slice", 1.25, "new", 1.0, "gone", -0.5), perStep);
        assertThrows(IllegalArgumentException.class, () -> OperatorCount.perUnit(shorter, longer, 0));
    }

    @Test
    void shouldDescribeTheMostCalledFirstWithoutTheAtenPrefix() {
        assertEquals("7.50: slice 4, mm 3, x 0.50",
                OperatorCount.describe(Map.of("aten::mm", 3.0, "aten::slice", 4.0, "x", 0.5)));
    }

    @Test
    void shouldReadCompleteEventsOfAChromeTrace() throws IOException {
        String trace = """
                [{"name": "aten::add", "ph": "X", "ts": 5.5, "dur": 2, "tid": 7, "pid": "CPU Functions"},
                 {"name": "flow", "ph": "s", "ts": 6, "tid": 7, "pid": "CPU Functions"},
                 {"name": "aten::mul", "ph": "X", "ts": 9, "dur": 1, "tid": 8, "pid": "CPU Functions"}]
                """;
        assertEquals(List.of(new TraceEvent("aten::add", "CPU Functions/7", 5.5, 2),
                        new TraceEvent("aten::mul", "CPU Functions/8", 9, 1)),
                NativeProfile.parse(trace));
        assertEquals(List.of(new TraceEvent("x", "p/1", 0, 1)),
                NativeProfile.parse("{\"traceEvents\": [{\"name\": \"x\", \"ph\": \"X\", \"ts\": 0, \"dur\": 1,"
                        + " \"tid\": 1, \"pid\": \"p\"}]}"));
        assertThrows(IOException.class, () -> NativeProfile.parse("{\"other\": 1}"));
    }
}
