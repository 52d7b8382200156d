package io.rollstream.bench.checker;

import io.rollstream.bench.BenchReport;
import io.rollstream.bench.BenchTable;
import io.rollstream.bench.Figure;
import io.rollstream.bench.MachineInfo;
import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.scoring.Grade;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.DatasetFiles;
import io.rollstream.tasks.TaskItem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench checker}: our answer checker beside HuggingFace math-verify on a corpus of rewritings and near
 * misses of the evaluation data sets' answers; reports how often they agree and every class of disagreement.
 */
public final class CheckerBenchmark {

    /** The data sets whose ground truths are rewritten: every evaluation set, each in its test split. */
    static final List<Dataset> DATASETS = List.of(Dataset.GSM8K, Dataset.MATH500, Dataset.AIME24, Dataset.AMC23);

    private CheckerBenchmark() {
    }

    public static BenchReport run(CheckerBenchConfig config, MachineInfo machine, PrintWriter out)
            throws MathVerifyVerdicts.Unavailable, IOException, InterruptedException {
        List<TaskItem> items = new ArrayList<>();
        for (Dataset dataset : DATASETS) {
            items.addAll(DatasetFiles.load(dataset, "test", DataSource.bundled()));
        }
        List<AnswerPair> corpus = PairCorpus.generate(items, config.perDataset(), config.seed());
        out.printf(Locale.ROOT, "corpus: %,d pairs from %,d ground truths%n", corpus.size(),
                PairCorpus.sample(items, config.perDataset(), config.seed()).size());
        out.flush();
        Map<String, Boolean> ours = new HashMap<>();
        long started = System.nanoTime();
        try (AnswerChecker checker = new AnswerChecker(CheckerConfig.defaults())) {
            for (AnswerPair pair : corpus) {
                ours.put(pair.id(), checker.grade(pair.response(), pair.truth()) instanceof Grade.Correct);
            }
        }
        double oursSeconds = (System.nanoTime() - started) / 1e9;
        Path work = config.workDir() != null ? config.workDir() : Files.createTempDirectory("rollstream-checker-");
        out.println("math-verify: running " + config.python() + " in " + work.toAbsolutePath());
        out.flush();
        started = System.nanoTime();
        MathVerifyVerdicts.Verdicts anchor;
        try {
            anchor = MathVerifyVerdicts.run(config.python(), corpus, work, config.timeout());
        } finally {
            if (config.workDir() == null) {
                deleteTree(work);
            }
        }
        double anchorSeconds = (System.nanoTime() - started) / 1e9;
        CheckerAgreement agreement = CheckerAgreement.of(corpus, ours, anchor.equal());
        return report(config, machine, agreement, anchor, oursSeconds, anchorSeconds);
    }

    static BenchReport report(CheckerBenchConfig config, MachineInfo machine, CheckerAgreement agreement,
                              MathVerifyVerdicts.Verdicts anchor, double oursSeconds, double anchorSeconds) {
        int pairs = agreement.pairs();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("pairs", pairs, "pairs"));
        figures.add(new Figure("agreement", agreement.agreementPercent(), "%"));
        figures.add(new Figure("ours as meant", percent(agreement.oursAsMeant(), pairs), "%"));
        figures.add(new Figure("math-verify as meant", percent(agreement.anchorAsMeant(), pairs), "%"));
        figures.add(new Figure("math-verify errors", anchor.errors().size(), "pairs"));
        figures.add(new Figure("ours time", oursSeconds, "s"));
        figures.add(new Figure("math-verify time", anchorSeconds, "s"));
        figures.add(new Figure("disagreement classes", agreement.classes().size(), "classes"));
        List<String> notes = new ArrayList<>();
        notes.add("math-verify " + anchor.version() + "; \"as meant\": equal for a rewriting, not equal for a near miss");
        for (CheckerAgreement.Disagreement d : agreement.classes()) {
            figures.add(new Figure("disagreement: " + d.name(), d.count(), "pairs"));
            notes.add(String.format(Locale.ROOT, "%s (%d): response %s, truth %s", d.name(), d.count(),
                    boxedPart(d.example().response()), d.example().truth()));
        }
        Map<String, Object> settings = config.describe();
        settings.put("mathVerify", anchor.version());
        return new BenchReport("checker", settings, machine, figures, BenchTable.of(figures), notes);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String boxedPart(String response) {
        int at = response.indexOf("\\boxed{");
        return at < 0 ? response : response.substring(at, response.lastIndexOf('}') + 1);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
