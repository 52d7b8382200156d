package io.rollstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder session around one phase of a benchmark, read back as where the Kafka Streams threads'
 * time went ({@link StreamThreadPhases}). It counts every execution sample of a stream thread (the thread was
 * running Java code) and the native-method samples whose stack is in RocksDB (the state stores' work); other
 * native samples are a thread waiting on the network and are left out.
 */
final class StreamThreadProfile implements AutoCloseable {

    /** The sampling period asked of JFR for both sample events. */
    static final Duration PERIOD = Duration.ofMillis(10);

    private static final String STREAM_THREAD = "-StreamThread-";

    private final Recording recording;
    private final Path file;

    private StreamThreadProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts sampling every thread of this JVM; the recording is written under {@code directory}. */
    static StreamThreadProfile start(Path directory) throws IOException {
        Files.createDirectories(directory);
        Recording recording = new Recording();
        recording.setName("rollstream-bench-grader");
        recording.enable("jdk.ExecutionSample").withPeriod(PERIOD).withStackTrace();
        recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD).withStackTrace();
        recording.setToDisk(true);
        recording.start();
        return new StreamThreadProfile(recording, directory.resolve("grader.jfr"));
    }

    /** Stops sampling and reads the recording back. */
    Breakdown stop() throws IOException {
        recording.stop();
        recording.dump(file);
        Map<StreamThreadPhases, Long> phases = new EnumMap<>(StreamThreadPhases.class);
        long truncated = 0;
        long otherThreads = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            RecordedThread thread = event.getThread("sampledThread");
            RecordedStackTrace stack = event.getStackTrace();
            if (thread == null || stack == null) {
                continue;
            }
            List<String> frames = frames(stack);
            boolean execution = event.getEventType().getName().equals("jdk.ExecutionSample");
            if (!execution && frames.stream().noneMatch(f -> f.startsWith("org.rocksdb."))) {
                continue;
            }
            String name = thread.getJavaName() == null ? "" : thread.getJavaName();
            if (!name.contains(STREAM_THREAD)) {
                otherThreads++;
                continue;
            }
            phases.merge(StreamThreadPhases.classify(frames), 1L, Long::sum);
            if (stack.isTruncated()) {
                truncated++;
            }
        }
        return new Breakdown(phases, truncated, otherThreads);
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod() != null && frame.getMethod().getType() != null) {
                frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        return frames;
    }

    @Override
    public void close() {
        recording.close();
    }

    /**
     * The samples of the stream threads by phase.
     *
     * @param samples      samples per phase, stream threads only
     * @param truncated    stream-thread samples whose stack JFR cut short (the outer frames are lost, so the
     *                     phase may be one of the inner ones)
     * @param otherThreads samples of every other thread of the JVM (broker, producers, consumers of the benchmark)
     */
    record Breakdown(Map<StreamThreadPhases, Long> samples, long truncated, long otherThreads) {
        Breakdown {
            samples = Map.copyOf(samples);
        }

        /** Every stream-thread sample. */
        long total() {
            return samples.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The share of stream-thread samples in {@code phase}, 0 when there were none. */
        double share(StreamThreadPhases phase) {
            long total = total();
            return total == 0 ? 0 : (double) samples.getOrDefault(phase, 0L) / total;
        }
    }
}
