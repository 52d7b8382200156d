package io.rollstream.bench.generate;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Records the libtorch operators a piece of work calls, through libtorch's own profiler (started and stopped
 * over JNI, written as a Chrome-format trace to a temporary file that is read back and deleted).
 */
public final class NativeProfile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NativeProfile() {}

    /** Runs {@code work} under the profiler and returns the operator events it recorded. */
    public static List<TraceEvent> record(Runnable work) {
        Path file;
        try {
            file = Files.createTempFile("rollstream-operators", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the profiler's trace file", e);
        }
        try {
            JniUtils.startProfile(false, false, false);
            try {
                work.run();
            } finally {
                JniUtils.stopProfile(file.toString());
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profiler's trace " + file, e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless.
            }
        }
    }

    /**
     * The operators one step of repeated work calls, by name: {@code run} does the work for a given number of
     * steps; two profiled runs, {@code steps} and {@code steps + extra}, and what the longer added over
     * {@code extra}, so the fixed cost of starting and finishing cancels out.
     */
    public static Map<String, Double> perStep(IntConsumer run, int steps, int extra) {
        OperatorCount few = OperatorCount.topLevel(record(() -> run.accept(steps)));
        OperatorCount more = OperatorCount.topLevel(record(() -> run.accept(steps + extra)));
        return OperatorCount.perUnit(few, more, extra);
    }

    /** The complete ({@code "ph": "X"}) events of a trace: a JSON array or an object with {@code traceEvents}. */
    public static List<TraceEvent> parse(String trace) throws IOException {
        JsonNode root = JSON.readTree(trace);
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        if (!events.isArray()) {
            throw new IOException("not a Chrome-format trace: no event array");
        }
        List<TraceEvent> parsed = new ArrayList<>();
        for (JsonNode event : events) {
            if (!"X".equals(event.path("ph").asText())) {
                continue;
            }
            String thread = event.path("pid").asText() + "/" + event.path("tid").asText();
            parsed.add(new TraceEvent(event.path("name").asText(), thread,
                    event.path("ts").asDouble(), event.path("dur").asDouble()));
        }
        return parsed;
    }
}
