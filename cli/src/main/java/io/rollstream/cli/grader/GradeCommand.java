package io.rollstream.cli.grader;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.scoring.GradeSummary;
import io.rollstream.grader.scoring.JsonlGrader;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.ReferenceFormat;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream grade}: the grader's answer checker on JSON lines, without Kafka. */
@Command(name = "grade",
        header = "Grades JSON lines of responses with the answer checker, no Kafka.", mixinStandardHelpOptions = true,
        description = {
                "Grades JSON lines {\"response\": ..., \"answer\": ...} with the same checker the grader "
                        + "uses and writes one JSON line per input, in order: {\"verdict\": "
                        + "\"CORRECT|WRONG|UNFORMATTED|UNSCORABLE\", \"extracted\": ..., \"reason\": ..., \"millis\": "
                        + "...}.",
                "A malformed input line yields an UNSCORABLE line naming the problem. A summary goes to "
                        + "stderr.",
                "\"answer\" is taken as the data set stores it when --dataset or --reference-format names "
                        + "its format: gsm8k (the number after '#### '), math (LaTeX, as is), amc (a float such as "
                        + "27.0 grades as 27), aime (leading zeros dropped: 025 grades as 25), plain (as is; the "
                        + "default)."})
public final class GradeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", description = "JSON lines to grade (default: standard input).")
    private Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the verdicts (default: standard output).")
    private Path output;

    @Option(names = "--max-answer-chars", paramLabel = "N",
            description = "Longer responses or answers are UNSCORABLE (default: ${DEFAULT-VALUE}).")
    private int maxAnswerChars = CheckerConfig.DEFAULT_MAX_INPUT_CHARS;

    @Option(names = "--answer-time-limit", paramLabel = "DURATION",
            description = "Per-answer time limit, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration answerTimeLimit = CheckerConfig.DEFAULT_TIME_LIMIT;

    @Option(names = "--reference-format", paramLabel = "FORMAT",
            description = "How \"answer\" is stored: plain|gsm8k|math|amc|aime (default: plain, or the --dataset's).")
    private String referenceFormat;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Take \"answer\" in this data set's stored format: synthetic|gsm8k|math500|aime24|amc23|one-shot.")
    private String dataset;

    /** The format the options name: --reference-format, else --dataset's, else plain; both at once is refused. */
    ReferenceFormat format() {
        if (referenceFormat != null && dataset != null) {
            throw new IllegalArgumentException("--reference-format and --dataset both name the format; give one");
        }
        if (referenceFormat != null) {
            return ReferenceFormat.parse(referenceFormat);
        }
        return dataset == null ? ReferenceFormat.PLAIN : ReferenceFormat.of(Dataset.parse(dataset));
    }

    @Override
    public Integer call() throws IOException {
        ReferenceFormat format;
        try {
            format = format();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CheckerConfig config = ConfigErrors.orParameterError(spec, () -> new CheckerConfig(maxAnswerChars,
                answerTimeLimit, CheckerConfig.DEFAULT_ALGEBRA_THREADS));
        if (input != null && !Files.isReadable(input)) {
            spec.commandLine().getErr().println("grade: cannot read --input " + input);
            return 2;
        }
        try (AnswerChecker checker = new AnswerChecker(config);
             Reader in = input == null
                     ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                     : Files.newBufferedReader(input, StandardCharsets.UTF_8);
             Writer out = output == null
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            GradeSummary summary = new JsonlGrader(checker, format::reference).run(in, out);
            out.flush();
            spec.commandLine().getErr().printf("graded %d lines: %d correct, %d wrong, %d unformatted, %d unscorable%n",
                    summary.lines(), summary.correct(), summary.wrong(), summary.unformatted(), summary.unscorable());
            return 0;
        }
    }
}
