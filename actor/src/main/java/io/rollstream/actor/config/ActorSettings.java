package io.rollstream.actor.config;

import io.rollstream.policy.model.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Reads an {@link ActorConfig} from command-line flags ({@code --key value} or {@code --key=value}) and
 * environment variables; a flag wins over its variable, which wins over the default. Every key is listed in
 * {@link #KEYS} with its flag, variable and meaning.
 */
public final class ActorSettings {

    /** One documented configuration key. */
    public record Key(String flag, String envVar, String meaning, BiConsumer<ActorConfig.Builder, String> apply) {
    }

    /** All keys, in the order {@link #usage()} prints them. */
    public static final List<Key> KEYS = List.of(
            new Key("--bootstrap-servers", "ROLLSTREAM_BOOTSTRAP_SERVERS",
                    "Kafka bootstrap servers (default localhost:9092)", ActorConfig.Builder::bootstrapServers),
            new Key("--schema-registry-url", "ROLLSTREAM_SCHEMA_REGISTRY_URL",
                    "schema registry URL (default http://localhost:8081)", ActorConfig.Builder::schemaRegistryUrl),
            new Key("--actor-id", "ROLLSTREAM_ACTOR_ID",
                    "stable actor id; reuse it on restart (default actor-1)", ActorConfig.Builder::actorId),
            new Key("--group-id", "ROLLSTREAM_ACTOR_GROUP_ID",
                    "consumer group of the policy's actors (default rollstream-actors-POLICY)", ActorConfig.Builder::groupId),
            new Key("--policy-name", "ROLLSTREAM_POLICY_NAME",
                    "policy to follow (default default)", ActorConfig.Builder::policyName),
            new Key("--batch-size", "ROLLSTREAM_ACTOR_BATCH_SIZE",
                    "prompts per batch, integer (default 16)", (b, v) -> b.batchSize(integer("--batch-size", v))),
            new Key("--max-batch-wait-ms", "ROLLSTREAM_ACTOR_MAX_BATCH_WAIT_MS",
                    "milliseconds to wait for a full batch (default 100)",
                    (b, v) -> b.maxBatchWait(Duration.ofMillis(integer("--max-batch-wait-ms", v)))),
            new Key("--temperature", "ROLLSTREAM_ACTOR_TEMPERATURE",
                    "default temperature, 0 = greedy (default 1.0)",
                    (b, v) -> b.temperature(decimal("--temperature", v))),
            new Key("--top-p", "ROLLSTREAM_ACTOR_TOP_P",
                    "nucleus mass in (0, 1] (default 1.0)", (b, v) -> b.topP(decimal("--top-p", v))),
            new Key("--max-new-tokens", "ROLLSTREAM_ACTOR_MAX_NEW_TOKENS",
                    "default token limit per attempt (default 256)",
                    (b, v) -> b.maxNewTokens(integer("--max-new-tokens", v))),
            new Key("--device", "ROLLSTREAM_DEVICE",
                    "AUTO, CPU or GPU (default AUTO)", (b, v) -> b.device(device(v))),
            new Key("--seed", "ROLLSTREAM_ACTOR_SEED",
                    "base sampling seed, integer (default 0)", (b, v) -> b.seed(longInteger("--seed", v))),
            new Key("--weights-dir", "ROLLSTREAM_WEIGHTS_DIR",
                    "local weights store directory (default rollstream-weights)", (b, v) -> b.weightsDir(Path.of(v))),
            new Key("--transactional-id-prefix", "ROLLSTREAM_ACTOR_TRANSACTIONAL_ID_PREFIX",
                    "prefix of the transactional id (default rollstream-actor-)",
                    ActorConfig.Builder::transactionalIdPrefix),
            new Key("--session-timeout-ms", "ROLLSTREAM_ACTOR_SESSION_TIMEOUT_MS",
                    "group session timeout in ms, 6000..1800000 (default 45000)",
                    (b, v) -> b.sessionTimeout(Duration.ofMillis(integer("--session-timeout-ms", v)))));

    private ActorSettings() {
    }

    /**
     * The config the flags and environment describe. Unknown flags, flags without a value and values of the
     * wrong type fail with an {@link IllegalArgumentException} naming the key and what it accepts.
     */
    public static ActorConfig parse(List<String> args, Map<String, String> env) {
        Map<String, String> flags = flags(args);
        ActorConfig.Builder builder = ActorConfig.builder();
        for (Key key : KEYS) {
            String value = flags.containsKey(key.flag()) ? flags.get(key.flag()) : env.get(key.envVar());
            if (value != null) {
                key.apply().accept(builder, value.strip());
            }
        }
        return builder.build();
    }

    /** One line per key: flag, variable, meaning. */
    public static String usage() {
        return KEYS.stream()
                .map(k -> String.format(Locale.ROOT, "  %-28s %-42s %s", k.flag(), "(env " + k.envVar() + ")",
                        k.meaning()))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String flag = name;
            if (KEYS.stream().noneMatch(k -> k.flag().equals(flag))) {
                throw new IllegalArgumentException("unknown option " + name + "; expected one of "
                        + KEYS.stream().map(Key::flag).collect(Collectors.joining(", ")));
            }
            flags.put(name, value);
        }
        return flags;
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " expects an integer, got '" + value + "'", e);
        }
    }

    private static long longInteger(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " expects an integer, got '" + value + "'", e);
        }
    }

    private static float decimal(String key, String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " expects a number, got '" + value + "'", e);
        }
    }

    private static DeviceChoice device(String value) {
        try {
            return DeviceChoice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
    }
}
