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

    /** The report of the rounds of every answer mix, in the order of {@code config.mixes()}. */
    static BenchReport of(GraderBenchConfig config, MachineInfo machine, List<GraderBenchmark.MixRuns> mixes) {
        if (mixes.isEmpty()) {
            throw new IllegalArgumentException("no run to report");
        }
        boolean several = mixes.size() > 1;
        List<GraderBenchmark.Measurements> runs = mixes.stream().map(GraderBenchmark.MixRuns::pooled).toList();
        List<Figure> figures = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (GraderBenchmark.MixRuns mix : mixes) {
            String id = mix.pooled().questions().mix().id();
            String suffix = several ? " [" + id + "]" : "";
            String label = several ? id + " " : "";
            add(config, mix.pooled(), suffix, label, figures, rows, notes);
            if (mix.rounds().size() > 1) {
                List<String> byRound = new ArrayList<>();
                for (int r = 0; r < mix.rounds().size(); r++) {
                    double rate = mix.rounds().get(r).gradedPerSecond();
                    figures.add(new Figure("grader graded committed round " + (r + 1) + suffix, rate, "attempts/s"));
                    byRound.add(Figure.format(rate));
                }
                rows.add(List.of(label + "grader: graded committed by round", String.join(" / ", byRound),
                        "attempts/s", "rounds in the order they ran; the first row pools them"));
            }
        }
        if (several) {
            GraderBenchmark.MixRuns first = mixes.get(0);
            for (GraderBenchmark.MixRuns mix : mixes.subList(1, mixes.size())) {
                double ratio = mix.pooled().gradedPerSecond() / first.pooled().gradedPerSecond();
                String name = mix.pooled().questions().mix().id() + " / " + first.pooled().questions().mix().id();
                figures.add(new Figure("grader throughput ratio " + name, ratio, "x"));
                List<String> byRound = new ArrayList<>();
                for (int r = 0; r < first.rounds().size(); r++) {
                    double roundRatio = mix.rounds().get(r).gradedPerSecond()
                            / first.rounds().get(r).gradedPerSecond();
                    figures.add(new Figure("grader throughput ratio " + name + " round " + (r + 1), roundRatio,
                            "x"));
                    byRound.add(String.format(Locale.ROOT, "%.2fx", roundRatio));
                }
                rows.add(List.of("grader: throughput " + name, String.format(Locale.ROOT, "%.2fx", ratio), "",
                        "graded attempts committed, same settings, same run" + (byRound.size() > 1
                                ? "; by round " + String.join(" / ", byRound) : "")));
            }
            notes.add(String.format(Locale.ROOT, "goal: a LaTeX-heavy mix at >= %.1fx the throughput of plain"
                    + " integers (the checker off the hot path)", MIX_RATIO_GOAL));
        }
        notes.add("graded attempts committed = backlog size / (grader RUNNING -> last graded record read by a"
                + " read_committed consumer); each attempt also writes a retry prompt or a trajectory, and"
                + " changelog records, in the same transaction");
        notes.add(String.format(Locale.ROOT, "aim on a 2-core machine: >= %,.0f attempts/s; measured %s on %d cores",
                AIM_ATTEMPTS_PER_SECOND, String.join(", ", runs.stream().map(m -> String.format(Locale.ROOT,
                        "%,.0f attempts/s", m.gradedPerSecond())
                        + (several ? " (" + m.questions().mix().id() + ")" : "")).toList()), machine.cores()));
        notes.add("the grader, producers, consumers and the broker share this JVM and these cores; finishedAt is"
                + " stamped when the paced sender serializes the attempt");
        if (config.profile()) {
            notes.add("profile: JFR execution samples of the stream threads while they drain the backlog, plus their"
                    + " native samples inside RocksDB; each sample goes to the first phase of the list that one of"
                    + " its frames is in (a changelog write belongs to the state store, deserialising to the input,"
                    + " a store flush to the commit); time spent waiting is not sampled");
        }
        return new BenchReport("grader", config.describe(), machine, figures,
                new BenchTable(List.of("measurement", "value", "unit", "conditions"), rows), notes);
    }

    /** The goal for the throughput of a LaTeX-heavy mix against plain integers; printed beside, never tuned to. */
    static final double MIX_RATIO_GOAL = 0.5;

    private static void add(GraderBenchConfig config, GraderBenchmark.Measurements m, String suffix, String label,
                            List<Figure> figures, List<List<String>> rows, List<String> notes) {
        Percentiles append = Percentiles.of(m.latencies().appendMillis());
        Percentiles visible = Percentiles.of(m.latencies().visibleMillis());
        Map<String, Long> backlogVerdicts = m.audit().verdicts(GraderBenchmark.BACKLOG_PREFIX);
        Map<String, Long> pacedVerdicts = m.audit().verdicts(GraderBenchmark.LATENCY_PREFIX);
        boolean asScripted = sameCounts(backlogVerdicts, m.expectedBacklog())
                && sameCounts(pacedVerdicts, m.expectedPaced());

        List<Figure> own = new ArrayList<>(List.of(
                new Figure("grader graded committed", m.gradedPerSecond(), "attempts/s"),
                new Figure("grader latency p50 (LogAppendTime - finishedAt)", append.p50(), "ms"),
                new Figure("grader latency p99 (LogAppendTime - finishedAt)", append.p99(), "ms"),
                new Figure("grader latency max (LogAppendTime - finishedAt)", append.max(), "ms"),
                new Figure("grader latency p50 (read_committed receipt - finishedAt)", visible.p50(), "ms"),
                new Figure("grader latency p99 (read_committed receipt - finishedAt)", visible.p99(), "ms"),
                new Figure("raw produce->consume", m.raw().endToEndRecordsPerSecond(), "records/s"),
                new Figure("raw produce->consume bytes", m.raw().endToEndMibPerSecond(), "MiB/s"),
                new Figure("raw produce (acked)", m.raw().producedRecordsPerSecond(), "records/s"),
                new Figure("grader / raw produce->consume",
                        m.gradedPerSecond() / m.raw().endToEndRecordsPerSecond(), "x"),
                new Figure("offered load achieved", m.offeredRate(), "attempts/s"),
                new Figure("latency samples", append.count(), "attempts"),
                new Figure("backlog attempts", m.raw().records(), "attempts"),
                new Figure("backlog drain time", m.drainSeconds(), "s"),
                new Figure("grader startup to RUNNING", m.startupSeconds(), "s"),
                new Figure("attempt size (mean value)", m.raw().meanValueBytes(), "bytes"),
                new Figure("questions", m.questions().questions().size(), "questions"),
                new Figure("questions skipped as unscriptable", m.questions().unscripted(), "questions"),
                new Figure("graded records audited", m.audit().records(), "records"),
                new Figure("duplicate graded records", m.audit().duplicates(), "records"),
                new Figure("verdicts as scripted", asScripted ? 1 : 0, "1 = yes")));
        total(backlogVerdicts, pacedVerdicts).forEach((verdict, count) ->
                own.add(new Figure("verdict " + verdict, count, "attempts")));
        StreamThreadProfile.Breakdown profile = m.profile();
        if (profile != null) {
            for (StreamThreadPhases phase : StreamThreadPhases.values()) {
                own.add(new Figure("stream thread time: " + phase.label(), 100 * profile.share(phase), "%"));
            }
            own.add(new Figure("stream thread samples", profile.total(), "samples"));
            own.add(new Figure("stream thread samples truncated", profile.truncated(), "samples"));
        }
        own.forEach(f -> figures.add(new Figure(f.name() + suffix, f.value(), f.unit())));

        String load = String.format(Locale.ROOT, "%d attempts/s offered for %d s (%,.0f/s achieved)", config.rate(),
                config.seconds(), m.offeredRate());
        double ratio = m.gradedPerSecond() / m.raw().endToEndRecordsPerSecond();
        rows.add(List.of(label + "grader: graded attempts committed", Figure.format(m.gradedPerSecond()),
                "attempts/s", String.format(Locale.ROOT, "backlog of %,d, %d stream thread(s), exactly_once_v2,"
                        + " %d questions", m.raw().records(), config.threads(), m.questions().questions().size())));
        rows.add(List.of(label + "grader: attempt->graded p50", Figure.format(append.p50()), "ms",
                load + ", graded LogAppendTime - attempt finishedAt"));
        rows.add(List.of(label + "grader: attempt->graded p99", Figure.format(append.p99()), "ms", "same"));
        rows.add(List.of(label + "grader: attempt->visible p50", Figure.format(visible.p50()), "ms",
                "same load, read_committed subscriber receipt - finishedAt"));
        rows.add(List.of(label + "grader: attempt->visible p99", Figure.format(visible.p99()), "ms", "same"));
        rows.add(List.of(label + "raw: produce->consume", Figure.format(m.raw().endToEndRecordsPerSecond()),
                "records/s", "same attempt records, no grader, acks=all idempotent producer, one consumer"));
        rows.add(List.of(label + "raw: produce->consume bytes", Figure.format(m.raw().endToEndMibPerSecond()),
                "MiB/s", String.format(Locale.ROOT, "mean attempt %,.0f bytes", m.raw().meanValueBytes())));
        rows.add(List.of(label + "grader / raw", String.format(Locale.ROOT, "%.2fx", ratio), "",
                "graded attempts committed over raw produce->consume of the same records"));
        if (profile != null) {
            for (StreamThreadPhases phase : StreamThreadPhases.values()) {
                rows.add(List.of(label + "stream threads: " + phase.label(),
                        String.format(Locale.ROOT, "%.1f", 100 * profile.share(phase)), "%",
                        phase == StreamThreadPhases.values()[0] ? String.format(Locale.ROOT,
                                "of %,d samples while draining (%,d truncated stacks; other threads %,d)",
                                profile.total(), profile.truncated(), profile.otherThreads()) : ""));
            }
        }
        notes.add(label + "verdicts graded " + total(backlogVerdicts, pacedVerdicts) + ", scripted "
                + total(m.expectedBacklog(), m.expectedPaced()) + "; duplicates " + m.audit().duplicates()
                + (m.questions().unscripted() > 0 ? "; " + m.questions().unscripted() + " of "
                + m.questions().considered() + " questions drawn skipped: the checker does not grade their scripted"
                + " answers as scripted, or no rewriting applies" : ""));
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
