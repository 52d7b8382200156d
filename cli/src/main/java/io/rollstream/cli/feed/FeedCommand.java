package io.rollstream.cli.feed;

import io.rollstream.feeder.FeedConfig;
import io.rollstream.schemas.topics.ClusterDefaults;
import io.rollstream.feeder.FeedProgress;

import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.ConfigSources;
import io.rollstream.cli.Preflight;
import io.rollstream.cli.run.ComponentLifecycle;
import io.rollstream.cli.run.MetricsOptions;
import io.rollstream.cli.RollstreamVersion;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.infra.security.Role;
import io.rollstream.schemas.security.ClientLogin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code rollstream feed}: publishes questions and the first-attempt prompts of their episodes. */
@Command(name = "feed",
        header = "Publishes questions and first-attempt prompts from a data set.", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = RollstreamVersion.class,
        description = {
            "Publishes questions (with their ground truth, read only by the grader) to rl-questions-v1, then the "
                    + "first-attempt prompts of G episodes per question to rl-prompts-v1. Prompts never carry the "
                    + "answer.",
            "Episode ids, group ids and each group's N derive from --seed and the question id: feeding the same "
                    + "questions with the same seed again reuses the episode ids, so use a new seed for new episodes."
        },
        footer = ConfigSources.FOOTER,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every record was published and acknowledged",
            "1:the broker, the registry or a data file failed",
            "2:an option has an invalid value"
        })
public final class FeedCommand implements Callable<Integer>, Preflight {

    private static final Pattern KEYED_MESSAGE = Pattern.compile("([a-z][a-z-]*): (.*)", Pattern.DOTALL);
    private static final int PROGRESS_STEPS = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SecurityOptions security;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = FeedConfig.DEFAULT_DATASET, converter = DatasetConverter.class,
            completionCandidates = DatasetNames.class,
            description = "Data set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Dataset dataset;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "Split: train or test; math500, aime24 and amc23 have only test, one-shot only train "
                    + "(default: train where the data set has one, else test).")
    private String split;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + FeedConfig.DEFAULT_LIMIT,
            description = "Questions to publish: the first N of a file data set (0 = all), or N generated "
                    + "synthetic problems (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + FeedConfig.DEFAULT_SEED,
            description = "Seed of the synthetic problems, of N per group and of the episode ids "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--difficulty", paramLabel = "PRESET", defaultValue = FeedConfig.DEFAULT_DIFFICULTY,
            converter = DifficultyConverter.class,
            description = "Synthetic task difficulty: " + SyntheticDifficulty.NAMES + "; ignored for file data sets "
                    + "(default: ${DEFAULT-VALUE}).")
    private SyntheticDifficulty difficulty;

    @Option(names = "--attempts", paramLabel = "K|MIN-MAX", defaultValue = FeedConfig.DEFAULT_ATTEMPTS, converter = AttemptsConverter.class,
            description = "Attempts N per episode: a count k, or a range drawn uniformly per question "
                    + "(default: ${DEFAULT-VALUE}, the multi-attempt paper's training setting).")
    private AttemptsPolicy attempts;

    @Option(names = "--group-size", paramLabel = "G", defaultValue = "" + FeedConfig.DEFAULT_GROUP_SIZE,
            description = "Episodes per question sharing one group id and N (GRPO uses 8; default: ${DEFAULT-VALUE}).")
    private int groupSize;

    @Option(names = "--origin", paramLabel = "ORIGIN", defaultValue = FeedConfig.DEFAULT_ORIGIN, converter = OriginConverter.class,
            description = "fresh (training) or eval (needs a fixed --attempts k) (default: ${DEFAULT-VALUE}).")
    private PromptOrigin origin;

    @Option(names = "--template", paramLabel = "TEMPLATE", defaultValue = FeedConfig.DEFAULT_TEMPLATE,
            description = "System prompt and feedback wording: PAPER (the paper's text) or COMPACT (shorter, for "
                    + "the small built-in models) (default: ${DEFAULT-VALUE}).")
    private ProtocolTemplate template;

    @Option(names = "--token-budget", paramLabel = "TOKENS", defaultValue = "" + FeedConfig.DEFAULT_TOKEN_BUDGET,
            description = "Response tokens a whole episode may spend; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    private int tokenBudget;

    @Option(names = "--max-new-tokens", paramLabel = "TOKENS", defaultValue = "" + FeedConfig.DEFAULT_MAX_NEW_TOKENS,
            description = "Largest response per attempt; 0 = the actor's default (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--temperature", paramLabel = "T",
            description = "Sampling temperature the actors must use; 0 = greedy (default: the actor's own).")
    private Float temperature;

    @Option(names = "--decoding", paramLabel = "DECODING", defaultValue = "sample", converter = DecodingConverter.class,
            description = "sample (one answer at the temperature) or value-guided-search (OREO's step-level beam "
                    + "search; actors refuse it, to rl-dlq-v1, for a version without a trained value head) "
                    + "(default: ${DEFAULT-VALUE}).")
    private Decoding decoding;

    @Option(names = "--policy-version", paramLabel = "VERSION",
            description = "Policy version that must answer, e.g. for evaluation (default: the actor's current one).")
    private Long policyVersion;

    @Option(names = "--policy-name", paramLabel = "NAME",
            defaultValue = "${env:ROLLSTREAM_POLICY_NAME:-" + ClusterDefaults.POLICY_NAME + "}",
            description = "Policy whose actors answer these prompts and whose learner trains on the episodes "
                    + "(env ROLLSTREAM_POLICY_NAME; default: ${DEFAULT-VALUE}).")
    private String policyName;

    @Option(names = "--run-id", paramLabel = "ID", defaultValue = "${env:ROLLSTREAM_RUN_ID:-}",
            description = "Run the episodes belong to, stamped on every record (env ROLLSTREAM_RUN_ID; default: none).")
    private String runId;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "" + FeedConfig.DEFAULT_RATE,
            description = "Most prompts published per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:" + DataSource.ENV + "}",
            description = "Directory laid out like the repository's data/ folder, read instead of the data sets "
                    + "bundled with Rollstream (env " + DataSource.ENV + "; default: the bundled data sets).")
    private Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FeedConfig config = config();
        ClientLogin login = security.login(spec, Role.FEEDER);
        List<TaskItem> items = items(config);
        out.printf(Locale.ROOT, "feeding %d %s/%s questions x %d episodes (attempts %s, origin %s) to %s%n",
                items.size(), config.dataset(), config.split(), config.groupSize(), config.attempts(),
                config.origin(), config.bootstrapServers());
        out.flush();
        return ComponentLifecycle.run("feeder", metrics.metricsPort(), out, spec.commandLine().getErr(),
                meters -> RunningFeed.start(config, login, items, meters, new ProgressPrinter(out)));
    }

    @Override
    public Map<String, Integer> preflight() {
        FeedConfig config = config();
        security.login(spec, Role.FEEDER);
        return Map.of(config.dataset().id() + "/" + config.split(), items(config).size());
    }

    /** The configuration the options describe; an invalid combination fails naming the option. */
    FeedConfig config() {
        return ConfigErrors.orParameterError(spec, () -> new FeedConfig(cluster.bootstrapServers(),
                cluster.schemaRegistryUrl(), dataset, split == null ? dataset.defaultSplit() : split, limit, seed,
                difficulty, attempts, groupSize, origin, template, tokenBudget, maxNewTokens, temperature,
                policyVersion, rate, policyName, runId == null ? "" : runId, decoding));
    }

    /** The questions {@code config} names, read before anything connects. */
    private List<TaskItem> items(FeedConfig config) {
        return ConfigErrors.orParameterError(spec, () -> config.tasks().load(DataSource.of(dataDir)));
    }

    /** Prints a line each time another tenth of the records has been sent. */
    static final class ProgressPrinter implements Consumer<FeedProgress> {
        private final PrintWriter out;
        private int printedStep;

        ProgressPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void accept(FeedProgress progress) {
            int step = (int) Math.floor(progress.fraction() * PROGRESS_STEPS);
            if (step > printedStep) {
                printedStep = step;
                out.printf(Locale.ROOT, "  %3d%%  questions %d/%d  prompts %d/%d%n", step * 100 / PROGRESS_STEPS,
                        progress.questionsSent(), progress.questionsTotal(), progress.promptsSent(),
                        progress.promptsTotal());
                out.flush();
            }
        }
    }

    private static String withoutKey(IllegalArgumentException e) {
        Matcher keyed = KEYED_MESSAGE.matcher(e.getMessage() == null ? "" : e.getMessage());
        return keyed.matches() ? keyed.group(2) : e.getMessage();
    }

    /** Every data set's name as the command line writes it, in registry order. */
    public static final class DatasetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Dataset.values()).map(Dataset::id).iterator();
        }
    }

    /** Every split some data set has. */
    public static final class SplitNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Dataset.values()).flatMap(d -> d.splits().stream()).distinct().iterator();
        }
    }

    /** Reads data set names as written on the command line, e.g. one-shot. */
    static final class DatasetConverter implements ITypeConverter<Dataset> {
        @Override
        public Dataset convert(String value) {
            try {
                return Dataset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(withoutKey(e));
            }
        }
    }

    /** Reads a difficulty preset name. */
    static final class DifficultyConverter implements ITypeConverter<SyntheticDifficulty> {
        @Override
        public SyntheticDifficulty convert(String value) {
            try {
                return SyntheticDifficulty.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(withoutKey(e));
            }
        }
    }

    /** Reads k or min-max. */
    static final class AttemptsConverter implements ITypeConverter<AttemptsPolicy> {
        @Override
        public AttemptsPolicy convert(String value) {
            try {
                return AttemptsPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(withoutKey(e));
            }
        }
    }

    /** Accepts only the origins a feeder may publish: retries come from the grader, replays from the learner. */
    /** {@code --decoding}: sample or value-guided-search, in any case, '-' for '_'. */
    public static final class DecodingConverter implements ITypeConverter<Decoding> {
        @Override
        public Decoding convert(String value) {
            String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Decoding d : Decoding.values()) {
                if (d.name().equals(wanted)) {
                    return d;
                }
            }
            throw new TypeConversionException("expected sample or value-guided-search, got '" + value + "'");
        }
    }

    static final class OriginConverter implements ITypeConverter<PromptOrigin> {
        @Override
        public PromptOrigin convert(String value) {
            String upper = value.trim().toUpperCase(Locale.ROOT);
            if (upper.equals(PromptOrigin.FRESH.name()) || upper.equals(PromptOrigin.EVAL.name())) {
                return PromptOrigin.valueOf(upper);
            }
            throw new TypeConversionException("expected fresh|eval, got '" + value + "'");
        }
    }
}
