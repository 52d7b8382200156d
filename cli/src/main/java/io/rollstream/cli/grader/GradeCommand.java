package io.rollstream.cli.grader;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.scoring.GradeSummary;
import io.rollstream.grader.scoring.JsonlGrader;
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
import picocli.CommandLine.Spec;

/** {@code rollstream grade}: the grader's answer checker on JSON lines, without Kafka. */
@Command(name = "grade",
        header = "Grades JSON lines of responses with the answer checker, no Kafka.", mixinStandardHelpOptions = true,
        description = {
                "Grades JSON lines {\"response\": ..., \"answer\": ...} with the same checker the grader uses and",
                "writes one JSON line per input, in order:",
                "{\"verdict\": \"CORRECT|WRONG|UNFORMATTED|UNSCORABLE\", \"extracted\": ..., \"reason\": ..., \"millis\": ...}.",
                "A malformed input line yields an UNSCORABLE line naming the problem. A summary goes to stderr."})
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

    @Override
    public Integer call() throws IOException {
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
            GradeSummary summary = new JsonlGrader(checker).run(in, out);
            out.flush();
            spec.commandLine().getErr().printf("graded %d lines: %d correct, %d wrong, %d unformatted, %d unscorable%n",
                    summary.lines(), summary.correct(), summary.wrong(), summary.unformatted(), summary.unscorable());
            return 0;
        }
    }
}
