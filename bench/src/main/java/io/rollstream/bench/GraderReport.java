package io.rollstream.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Arranges what {@link GraderBenchmark} measured as figures and one side-by-side table. */
final class GraderReport {

    /** The throughput the grader is meant to reach on a two-core machine; printed beside, never tuned to. */
    static final double AIM_ATTEMPTS_PER_SECOND = 10_000;

    private GraderReport() {
    }

    static BenchReport of(GraderBenchConfig config, MachineInfo machine, GraderBenchmark.Measurements m) {
        Percentiles append = Percentiles.of(m.latencies().appendMillis());
        Percentiles visible = Percentiles.of(m.latencies().visibleMillis());
        Map<String, Long> backlogVerdicts = m.audit().verdicts(GraderBenchmark.BACKLOG_PREFIX);
        Map<String, Long> pacedVerdicts = m.audit().verdicts(GraderBenchmark.LATENCY_PREFIX);
        boolean asScripted = sameCounts(backlogVerdicts, m.expectedBacklog())
                && sameCounts(pacedVerdicts, m.expectedPaced());

        List<Figure> figures = new ArrayList<>(List.of(
                new Figure("grader graded committed", m.gradedPerSecond(), "attempts/s"),
                new Figure("grader latency p50 (LogAppendTime - finishedAt)", append.p50(), "ms"),
                new Figure("grader latency p99 (LogAppendTime - finishedAt)", append.p99(), "ms"),
                new Figure("grader latency max (LogAppendTime - finishedAt)", append.max(), "ms"),
                new Figure("grader latency p50 (read_committed receipt - finishedAt)", visible.p50(), "ms"),
                new Figure("grader latency p99 (read_committed receipt - finishedAt)", visible.p99(), "ms"),
                new Figure("raw produce->consume", m.raw().endToEndRecordsPerSecond(), "records/s"),
                new Figure("raw produce->consume bytes", m.raw().endToEndMibPerSecond(), "MiB/s"),
                new Figure("raw produce (acked)", m.raw().producedRecordsPerSecond(), "records/s"),
                new Figure("offered load achieved", m.offeredRate(), "attempts/s"),
                new Figure("latency samples", append.count(), "attempts"),
                new Figure("backlog attempts", m.raw().records(), "attempts"),
                new Figure("backlog drain time", m.drainSeconds(), "s"),
                new Figure("grader startup to RUNNING", m.startupSeconds(), "s"),
                new Figure("attempt size (mean value)", m.raw().meanValueBytes(), "bytes"),
                new Figure("graded records audited", m.audit().records(), "records"),
                new Figure("duplicate graded records", m.audit().duplicates(), "records"),
                new Figure("verdicts as scripted", asScripted ? 1 : 0, "1 = yes")));
        total(backlogVerdicts, pacedVerdicts).forEach((verdict, count) ->
                figures.add(new Figure("verdict " + verdict, count, "attempts")));

        String load = String.format(Locale.ROOT, "%d attempts/s offered for %d s (%,.0f/s achieved)", config.rate(),
                config.seconds(), m.offeredRate());
        BenchTable table = new BenchTable(List.of("measurement", "value", "unit", "conditions"), List.of(
                List.of("grader: graded attempts committed", Figure.format(m.gradedPerSecond()), "attempts/s",
                        String.format(Locale.ROOT, "backlog of %,d, %d stream thread(s), exactly_once_v2",
                                m.raw().records(), config.threads())),
                List.of("grader: attempt->graded p50", Figure.format(append.p50()), "ms",
                        load + ", graded LogAppendTime - attempt finishedAt"),
                List.of("grader: attempt->graded p99", Figure.format(append.p99()), "ms", "same"),
                List.of("grader: attempt->visible p50", Figure.format(visible.p50()), "ms",
                        "same load, read_committed subscriber receipt - finishedAt"),
                List.of("grader: attempt->visible p99", Figure.format(visible.p99()), "ms", "same"),
                List.of("raw: produce->consume", Figure.format(m.raw().endToEndRecordsPerSecond()), "records/s",
                        "same attempt records, no grader, acks=all idempotent producer, one consumer"),
                List.of("raw: produce->consume bytes", Figure.format(m.raw().endToEndMibPerSecond()), "MiB/s",
                        String.format(Locale.ROOT, "mean attempt %,.0f bytes", m.raw().meanValueBytes()))));

        List<String> notes = List.of(
                "graded attempts committed = backlog size / (grader RUNNING -> last graded record read by a"
                        + " read_committed consumer); each attempt also writes a retry prompt or a trajectory, and"
                        + " changelog records, in the same transaction",
                String.format(Locale.ROOT, "aim on a 2-core machine: >= %,.0f attempts/s; measured %,.0f attempts/s on"
                        + " %d cores", AIM_ATTEMPTS_PER_SECOND, m.gradedPerSecond(), machine.cores()),
                "verdicts graded " + total(backlogVerdicts, pacedVerdicts) + ", scripted "
                        + total(m.expectedBacklog(), m.expectedPaced()) + "; duplicates " + m.audit().duplicates(),
                "the grader, producers and consumers share this JVM and these cores; finishedAt is stamped when the"
                        + " paced sender serializes the attempt");
        return new BenchReport("grader", config.describe(), machine, figures, table, notes);
    }

    private static boolean sameCounts(Map<String, Long> graded, Map<String, Long> scripted) {
        return new TreeMap<>(graded).equals(new TreeMap<>(scripted));
    }

    private static Map<String, Long> total(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new HashMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new TreeMap<>(sum);
    }
}
