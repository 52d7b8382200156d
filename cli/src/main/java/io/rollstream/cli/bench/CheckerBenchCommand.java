package io.rollstream.cli.bench;

import io.rollstream.bench.BenchReport;
import io.rollstream.bench.MachineInfo;
import io.rollstream.bench.checker.CheckerBenchConfig;
import io.rollstream.bench.checker.CheckerBenchmark;
import io.rollstream.bench.checker.MathVerifyVerdicts;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream bench checker}: our answer checker beside HuggingFace math-verify on the same answer pairs. */
@Command(name = "checker", mixinStandardHelpOptions = true,
        description = {
                "Grades a corpus of answer pairs with our answer checker and with HuggingFace math-verify, and "
                        + "prints how often they agree and each class of disagreement with one example.",
                "The pairs are written from the ground truths of GSM8K test, MATH-500, AIME 2024 and AMC 2023: "
                        + "rewritings that keep the value (fraction as decimal, repeating decimal, \\dfrac, binomial, "
                        + "thousands separators, a unit, x = ..., (x,y) = ..., a reordered set, a Unicode minus, "
                        + "...) and near "
                        + "misses that do not (off by one, the other sign, the amount in cents, a swapped tuple, "
                        + "an interval's bracket, ...). \"as meant\" is the share of pairs on which a checker gives "
                        + "the verdict the rewriting meant.",
                "math-verify runs in a child process: the Python interpreter given by --python runs a script "
                        + "bundled in this jar. It needs the math-verify package, pinned in "
                        + "ops/requirements-test.txt (pip install -r ops/requirements-test.txt). Exit code 2 when "
                        + "the interpreter cannot be run or cannot import math_verify."})
public final class CheckerBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--python", paramLabel = "PYTHON", defaultValue = "python3",
            description = "Python interpreter with the math-verify package (default: ${DEFAULT-VALUE}).")
    private String python;

    @Option(names = "--per-dataset", paramLabel = "N", defaultValue = "500",
            description = "Questions drawn from each data set; smaller ones are taken whole (default: "
                    + "${DEFAULT-VALUE}).")
    private int perDataset;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the draw (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep the corpus (pairs.jsonl), math-verify's verdicts and its log in DIR "
                    + "(default: a new temporary directory).")
    private Path workDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "Longest math-verify may take on the whole corpus, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        CheckerBenchConfig config;
        try {
            config = new CheckerBenchConfig(perDataset, seed, python, workDir, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "checker", config.describe(), machine);
        try {
            report.finish(CheckerBenchmark.run(config, machine, out), out);
        } catch (MathVerifyVerdicts.Unavailable e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("bench checker: math-verify is not available: " + e.getMessage());
            err.flush();
            return 2;
        }
        return 0;
    }
}
