package io.rollstream.feeder;

import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskSelection;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.topics.ClusterDefaults;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything the feeder needs, built once by the {@code rollstream feed} command from flags, environment or an
 * argument file. Keys in error messages are the command's option names; every default is one of the
 * {@code DEFAULT_*} constants, which the command's options and {@link #defaults()} share.
 *
 * @param bootstrapServers  Kafka bootstrap servers, host:port[,host:port...]
 * @param schemaRegistryUrl base URL of the Confluent-compatible schema registry
 * @param dataset           where the questions come from
 * @param split             the data set's split
 * @param limit             how many questions (0 = all of a file data set; the synthetic task needs a count)
 * @param seed              seed of the synthetic generator, of N per group and of the episode ids
 * @param difficulty        synthetic task difficulty; ignored for file data sets
 * @param attempts          N per episode group: fixed k or uniform over a range
 * @param groupSize         G: episodes per question, sharing one group id (1 = ungrouped)
 * @param origin            FRESH (training) or EVAL (evaluation; needs a fixed N)
 * @param template          wording of the system prompt and the grader's feedback
 * @param tokenBudget       response tokens the whole episode may spend; 0 = unlimited
 * @param maxNewTokens      largest response per attempt; 0 = the actor's default
 * @param temperature       sampling temperature override (0 = greedy); null = the actor's default
 * @param policyVersion     policy version that must answer; null = whatever the actor runs
 * @param ratePerSecond     most prompts published per second; 0 = as fast as possible
 * @param policyName        the policy whose actors answer these prompts and whose learner trains on them
 * @param runId             the run the episodes belong to (experiment, demo, deployment); may be empty
 * @param decoding          how actors decode the prompts: SAMPLE, or VALUE_GUIDED_SEARCH (needs a version with a
 *                          trained value head)
 */
public record FeedConfig(String bootstrapServers, String schemaRegistryUrl, Dataset dataset, String split, int limit,
                         long seed, SyntheticDifficulty difficulty, AttemptsPolicy attempts, int groupSize,
                         PromptOrigin origin, ProtocolTemplate template, int tokenBudget, int maxNewTokens,
                         Float temperature, Long policyVersion, double ratePerSecond, String policyName,
                         String runId, Decoding decoding) {

    /** A configuration whose prompts are sampled ({@link Decoding#SAMPLE}). */
    public FeedConfig(String bootstrapServers, String schemaRegistryUrl, Dataset dataset, String split, int limit,
                      long seed, SyntheticDifficulty difficulty, AttemptsPolicy attempts, int groupSize,
                      PromptOrigin origin, ProtocolTemplate template, int tokenBudget, int maxNewTokens,
                      Float temperature, Long policyVersion, double ratePerSecond, String policyName, String runId) {
        this(bootstrapServers, schemaRegistryUrl, dataset, split, limit, seed, difficulty, attempts, groupSize, origin,
                template, tokenBudget, maxNewTokens, temperature, policyVersion, ratePerSecond, policyName, runId,
                Decoding.SAMPLE);
    }

    public static final String DEFAULT_DATASET = "synthetic";
    public static final int DEFAULT_LIMIT = 100;
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_DIFFICULTY = "medium";
    /** The multi-attempt paper's training setting: N uniform over 1..5. */
    public static final String DEFAULT_ATTEMPTS = "1-5";
    public static final int DEFAULT_GROUP_SIZE = 1;
    public static final String DEFAULT_ORIGIN = "fresh";
    public static final String DEFAULT_TEMPLATE = "PAPER";
    public static final int DEFAULT_TOKEN_BUDGET = 0;
    public static final int DEFAULT_MAX_NEW_TOKENS = 0;
    public static final double DEFAULT_RATE = 0;

    /** Largest group accepted; GRPO uses 8 to 64. */
    public static final int MOST_GROUP_SIZE = 1024;

    /** What a policy name or run id may contain: it becomes part of consumer group ids and file names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private static final Pattern BOOTSTRAP = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");

    public FeedConfig {
        require(decoding != null, "decoding: required; one of sample, value-guided-search");
        require(bootstrapServers != null && BOOTSTRAP.matcher(bootstrapServers).matches(),
                "bootstrap-servers: expected host:port[,host:port...], got '" + bootstrapServers + "'");
        require(isHttpUrl(schemaRegistryUrl),
                "schema-registry-url: expected an http(s)://host[:port] URL, got '" + schemaRegistryUrl + "'");
        require(dataset != null, "dataset: required; one of " + Dataset.names());
        require(split != null, "split: required; " + dataset.id() + " has " + String.join("|", dataset.splits()));
        require(difficulty != null, "difficulty: required; one of " + SyntheticDifficulty.NAMES);
        require(attempts != null, "attempts: required, e.g. 1-5 or 3");
        require(origin == PromptOrigin.FRESH || origin == PromptOrigin.EVAL,
                "origin: the feeder publishes FRESH or EVAL prompts, got " + origin);
        require(origin != PromptOrigin.EVAL || attempts instanceof AttemptsPolicy.Fixed,
                "attempts: evaluation fixes N, so --origin eval needs a single count k, got " + attempts);
        require(template != null, "template: required; one of PAPER|COMPACT");
        require(groupSize >= 1 && groupSize <= MOST_GROUP_SIZE,
                "group-size: must be between 1 and " + MOST_GROUP_SIZE + ", got " + groupSize);
        require(tokenBudget >= 0, "token-budget: must be >= 0 (0 = unlimited), got " + tokenBudget);
        require(maxNewTokens >= 0, "max-new-tokens: must be >= 0 (0 = the actor's default), got " + maxNewTokens);
        require(temperature == null || (Float.isFinite(temperature) && temperature >= 0),
                "temperature: must be a finite number >= 0 (0 = greedy), got " + temperature);
        require(policyVersion == null || policyVersion >= 0,
                "policy-version: must be >= 0, got " + policyVersion);
        require(Double.isFinite(ratePerSecond) && ratePerSecond >= 0,
                "rate: must be a finite number >= 0 (0 = as fast as possible), got " + ratePerSecond);
        require(policyName != null && NAME.matcher(policyName).matches(),
                "policy-name: 1-100 letters, digits, '.', '_' or '-', got '" + policyName + "'");
        require(runId != null && (runId.isEmpty() || NAME.matcher(runId).matches()),
                "run-id: empty or 1-100 letters, digits, '.', '_' or '-', got '" + runId + "'");
        // Validates split and limit against the data set.
        new TaskSelection(dataset, split, limit, seed, difficulty);
    }

    /** Every default: the local cluster and the {@code DEFAULT_*} values; the data set's default split. */
    public static FeedConfig defaults() {
        Dataset dataset = Dataset.parse(DEFAULT_DATASET);
        return new FeedConfig(ClusterDefaults.BOOTSTRAP_SERVERS, ClusterDefaults.SCHEMA_REGISTRY_URL, dataset,
                dataset.defaultSplit(), DEFAULT_LIMIT, DEFAULT_SEED, SyntheticDifficulty.parse(DEFAULT_DIFFICULTY),
                AttemptsPolicy.parse(DEFAULT_ATTEMPTS), DEFAULT_GROUP_SIZE,
                PromptOrigin.valueOf(DEFAULT_ORIGIN.toUpperCase(Locale.ROOT)), ProtocolTemplate.valueOf(DEFAULT_TEMPLATE),
                DEFAULT_TOKEN_BUDGET, DEFAULT_MAX_NEW_TOKENS, null, null, DEFAULT_RATE, ClusterDefaults.POLICY_NAME, "");
    }

    /** The questions this feed publishes. */
    public TaskSelection tasks() {
        return new TaskSelection(dataset, split, limit, seed, difficulty);
    }

    private static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
