package io.rollstream.cli.eval;

import io.rollstream.eval.AccuracyAtK;
import io.rollstream.eval.EvalRunner;

import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.Preflight;
import io.rollstream.cli.feed.FeedCommand;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskItem;
import io.rollstream.tasks.TaskSelection;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.infra.security.Role;
import io.rollstream.schemas.security.ClientLogin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream eval}: accuracy@1..k of a pinned policy version, through the running pipeline. */
@Command(name = "eval",
        header = "Measures accuracy@1..k of a pinned policy version through the pipeline.", mixinStandardHelpOptions = true,
        description = {
                "Evaluates a policy version through the running pipeline (grader and actors must be up, "
                        + "serving --policy-version): for each k = 1..--max-attempts it publishes one greedy EVAL "
                        + "episode per question with N = k, waits for the grader to close them, and prints accuracy@k "
                        + "per data set. Attempts answered by another version are counted and make the exit code 1."})
public final class EvalCommand implements Callable<Integer>, Preflight {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SecurityOptions security;

    @Option(names = "--policy-version", paramLabel = "V", required = true,
            description = "Policy version that must answer every attempt.")
    private long policyVersion;

    @Option(names = "--policy-name", paramLabel = "NAME", defaultValue = "${env:ROLLSTREAM_POLICY_NAME:-default}",
            description = "Policy the version belongs to; only that policy's actors answer "
                    + "(env ROLLSTREAM_POLICY_NAME; default: ${DEFAULT-VALUE}).")
    private String policyName;

    @Option(names = "--dataset", paramLabel = "NAME", split = ",", defaultValue = "synthetic",
            completionCandidates = FeedCommand.DatasetNames.class,
            description = "Data sets to evaluate, comma-separated, each one that has the --split: "
                    + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private List<String> datasets;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            completionCandidates = FeedCommand.SplitNames.class,
            description = "Split of each data set: ${COMPLETION-CANDIDATES}; every data set named must have it"
                    + " (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Questions per data set (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--difficulty", paramLabel = "LEVEL", defaultValue = "medium",
            description = "Synthetic task difficulty: " + SyntheticDifficulty.NAMES + " (default: ${DEFAULT-VALUE}).")
    private String difficulty;

    @Option(names = "--max-attempts", paramLabel = "K", defaultValue = "5",
            description = "Evaluate with N = 1..K attempts (default: ${DEFAULT-VALUE}).")
    private int maxAttempts;

    @Option(names = "--template", paramLabel = "PAPER|COMPACT", defaultValue = "PAPER",
            description = "Wording of the system prompt and feedback (default: ${DEFAULT-VALUE}).")
    private ProtocolTemplate template;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "0",
            description = "Largest response per attempt; 0 = the actor's default (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7",
            description = "Seed of the synthetic questions (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long to wait for all episodes of a data set to close (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--decoding", paramLabel = "DECODING", defaultValue = "sample",
            converter = FeedCommand.DecodingConverter.class,
            description = "sample (greedy) or value-guided-search (OREO's step-level beam search, which actors "
                    + "refuse for a version without a trained value head) (default: ${DEFAULT-VALUE}).")
    private Decoding decoding;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:" + DataSource.ENV + "}",
            description = "Directory laid out like the repository's data/ folder, read instead of the data sets "
                    + "bundled with Rollstream (env " + DataSource.ENV + "; default: the bundled data sets).")
    private Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        List<EvalRunner.Settings> plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        boolean clean = true;
        ClientLogin feeder = security.login(spec, Role.FEEDER);
        ClientLogin reader = security.login(spec, Role.AUDITOR);
        try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.schemaRegistryUrl(), feeder)) {
            EvalRunner runner = new EvalRunner(cluster.bootstrapServers(), cluster.schemaRegistryUrl(),
                    CatalogSerdes.create(registry, SerdeOptions.defaults()), feeder, reader);
            out.printf("%-10s %2s %9s %9s %8s %10s%n", "dataset", "k", "accuracy", "solved", "timeout", "unscorable");
            for (EvalRunner.Settings settings : plan) {
                List<AccuracyAtK> results = runner.run(settings, (done, total) -> { });
                for (AccuracyAtK r : results) {
                    out.printf(Locale.ROOT, "%-10s %2d %8.1f%% %4d/%-4d %8d %10d%n", settings.dataset().id(), r.k(),
                            100 * r.accuracy(), r.solved(), r.graded(), r.timedOut(), r.unscorable());
                    clean &= r.otherVersion() == 0 && r.timedOut() == 0;
                }
                out.flush();
            }
        }
        return clean ? 0 : 1;
    }

    @Override
    public Map<String, Integer> preflight() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        plan().forEach(s -> counts.put(s.dataset().id() + "/" + s.split(), s.items().size()));
        return counts;
    }

    /** Every data set's evaluation, its questions loaded, before anything connects: one bad name runs none. */
    private List<EvalRunner.Settings> plan() {
        List<EvalRunner.Settings> plan = new ArrayList<>();
        for (String name : datasets) {
            plan.add(ConfigErrors.orParameterError(spec, () -> settings(name)));
        }
        return plan;
    }

    private EvalRunner.Settings settings(String name) {
        Dataset dataset = Dataset.parse(name);
        requireSplit(dataset, split);
        List<TaskItem> items = new TaskSelection(dataset, split, limit, seed, SyntheticDifficulty.parse(difficulty))
                .load(DataSource.of(dataDir));
        // Episode ids must be new on every evaluation (the grader rejects attempts for closed episodes).
        return new EvalRunner.Settings(items, dataset, split, maxAttempts, policyVersion, template, maxNewTokens,
                System.currentTimeMillis(), timeout, policyName, "eval", 0f, 1, null, decoding);
    }

    /** Fails naming the data set, and those that have {@code split}, unless {@code dataset} has it. */
    private static void requireSplit(Dataset dataset, String split) {
        if (Arrays.stream(Dataset.values()).noneMatch(d -> d.splits().contains(split))) {
            throw new IllegalArgumentException("split: expected one of "
                    + String.join("|", new FeedCommand.SplitNames()) + ", got '" + split + "'");
        }
        if (!dataset.splits().contains(split)) {
            throw new IllegalArgumentException("dataset: " + dataset.id() + " has no " + split + " split (only "
                    + String.join("|", dataset.splits()) + "); with --split " + split + " it accepts "
                    + Arrays.stream(Dataset.values()).filter(d -> d.splits().contains(split)).map(Dataset::id)
                    .collect(Collectors.joining("|")));
        }
    }
}
