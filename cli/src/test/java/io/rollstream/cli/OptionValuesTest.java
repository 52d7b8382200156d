package io.rollstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every value of every option with a closed set of values, on demo, feed, eval and every experiment: either the
 * command's pre-flight accepts it and loads the questions it names, or the command refuses it before anything
 * starts, with exit code 2 and one line naming the option.
 */
class OptionValuesTest {

    private static final Pattern OPTION_NAME = Pattern.compile("--[a-z][a-z-]*");

    /** Options whose label has a '|' between placeholders, not between names: feed's --attempts K|MIN-MAX. */
    private static final Set<String> OPEN_SETS = Set.of("--attempts");

    @TempDir
    Path dir;

    /** The options with a closed set of values, each with every value it can take, from the values' own source. */
    private static Map<String, List<String>> closedSets() {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("--dataset", Arrays.stream(Dataset.values()).map(Dataset::id).toList());
        sets.put("--split", Arrays.stream(Dataset.values()).flatMap(d -> d.splits().stream()).distinct().toList());
        sets.put("--difficulty", SyntheticDifficulty.presets().stream().map(SyntheticDifficulty::name).toList());
        sets.put("--preset", Arrays.stream(ModelPreset.values()).map(ModelPreset::id).toList());
        sets.put("--template", Arrays.stream(ProtocolTemplate.values()).map(Enum::name).toList());
        sets.put("--decoding", Arrays.stream(Decoding.values())
                .map(d -> d.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        sets.put("--origin", Arrays.stream(PromptOrigin.values()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList());
        return sets;
    }

    /** demo, feed, eval and every subcommand of experiment, each as the words that run it. */
    private static List<List<String>> commands() {
        List<List<String>> commands = new ArrayList<>(List.of(List.of("demo"), List.of("feed"), List.of("eval")));
        RollstreamCommand.commandLine().getSubcommands().get("experiment").getSubcommands().keySet()
                .forEach(name -> commands.add(List.of("experiment", name)));
        return commands;
    }

    @Test
    void shouldRunOrRefuseUpFrontEveryValueOfEveryClosedSetOption() {
        Map<String, List<String>> sets = closedSets();
        int[] walked = {0};
        forEachClosedSetOption((command, option) -> {
            for (String value : sets.get(option.longestName())) {
                walk(command, option, value);
                walked[0]++;
            }
        });
        // demo, feed and eval each have --dataset and --difficulty, so the walk cannot have found nothing.
        assertTrue(walked[0] > 3 * (Dataset.values().length + SyntheticDifficulty.presets().size()),
                "walked " + walked[0]);
    }

    @Test
    void shouldRefuseANameOutsideTheSetNamingTheOption() {
        forEachClosedSetOption((command, option) -> {
            String[] args = args(command, option, "none-such");
            assertRefused(String.join(" ", args), args, option, "none-such");
        });
    }

    /** Runs {@code check} on every option of every walked command that takes a closed set of values. */
    private static void forEachClosedSetOption(BiConsumer<List<String>, OptionSpec> check) {
        Map<String, List<String>> sets = closedSets();
        for (List<String> command : commands()) {
            for (OptionSpec option : subcommand(command).getCommandSpec().options()) {
                if (sets.containsKey(option.longestName())) {
                    check.accept(command, option);
                } else {
                    assertFalse(hasClosedSet(option), String.join(" ", command) + " " + option.longestName()
                            + " takes a closed set of values the walk does not know");
                }
            }
        }
    }

    @Test
    void shouldLabelTheDifficultyWithThePresetsItParses() {
        assertEquals(SyntheticDifficulty.presets().stream().map(SyntheticDifficulty::name)
                .collect(Collectors.joining("|")), SyntheticDifficulty.NAMES);
    }

    @Test
    void shouldRefuseTheDemoOnADataSetWithoutATrainAndATestSplit() {
        int refused = 0;
        for (Dataset dataset : Dataset.values()) {
            if (dataset.splits().containsAll(List.of("train", "test"))) {
                continue;
            }
            refused++;
            CommandRun run = CommandRun.of("demo", "--run-dir", dir.resolve("run").toString(), "--dataset",
                    dataset.id());
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(errorLines(run).get(0).startsWith("Invalid value for option '--dataset': " + dataset.id()
                    + " has only " + String.join("|", dataset.splits())), run.err());
            String accepted = Arrays.stream(Dataset.values())
                    .filter(d -> d.splits().containsAll(List.of("train", "test")))
                    .map(Dataset::id).collect(Collectors.joining("|"));
            assertTrue(errorLines(run).get(0).contains("it accepts " + accepted), run.err());
            assertTrue(Files.notExists(dir.resolve("run")), "nothing written for " + dataset.id());
        }
        assertTrue(refused > 0, "every data set has a train and a test split: nothing to refuse");
    }

    /** Either the pre-flight of {@code command} with {@code option value} loads its questions, or it is refused. */
    private void walk(List<String> command, OptionSpec option, String value) {
        String[] args = args(command, option, value);
        String what = String.join(" ", args);
        Preflight target;
        try {
            target = parsed(RollstreamCommand.commandLine().parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            assertRefused(what, args, option, value);
            return;
        }
        Map<String, Integer> loaded;
        try {
            loaded = target.preflight();
        } catch (CommandLine.ParameterException e) {
            assertRefused(what, args, option, value);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": the pre-flight crashed instead of refusing the value", e);
        }
        assertFalse(loaded.isEmpty(), what + ": the pre-flight loaded no questions");
        loaded.forEach((split, count) -> assertTrue(count > 0, what + ": no questions in " + split + " " + loaded));
        if (option.longestName().equals("--dataset")) {
            assertTrue(loaded.keySet().stream().anyMatch(k -> k.startsWith(value + "/")), what + " loaded " + loaded);
        }
        if (option.longestName().equals("--split")) {
            assertTrue(loaded.keySet().stream().anyMatch(k -> k.endsWith("/" + value)), what + " loaded " + loaded);
        }
    }

    /** Run as users run it, the value exits with code 2 and one line naming the option, and nothing is written. */
    private void assertRefused(String what, String[] args, OptionSpec option, String value) {
        CommandRun run = CommandRun.of(args);
        assertEquals(2, run.exitCode(), what + ": " + run.err());
        List<String> lines = errorLines(run);
        assertEquals(1, lines.size(), what + ": " + run.err());
        String line = lines.get(0);
        Set<String> named = new TreeSet<>();
        Matcher m = OPTION_NAME.matcher(line);
        while (m.find()) {
            named.add(m.group());
        }
        assertTrue(named.contains(option.longestName()), what + ": " + line);
        assertTrue(Files.notExists(dir.resolve("run")), what + ": wrote its run directory");
        if (named.size() == 1) {
            // Refused whatever the other options say, so its help must not offer it.
            assertFalse(Pattern.compile("(?<![\\w-])" + Pattern.quote(value) + "(?![\\w-])",
                    Pattern.CASE_INSENSITIVE).matcher(help(option)).find(), what + " is refused: " + line
                    + ", yet its help says: " + help(option));
        }
    }

    /** The error lines of a refused run, without the closing pointer to --help. */
    private static List<String> errorLines(CommandRun run) {
        return run.err().lines().filter(l -> !l.isBlank() && !l.startsWith("Try 'rollstream")).toList();
    }

    private String[] args(List<String> command, OptionSpec option, String value) {
        List<String> args = new ArrayList<>(command);
        CommandLine.Model.CommandSpec spec = subcommand(command).getCommandSpec();
        for (OptionSpec required : spec.requiredArgs().stream().filter(a -> a instanceof OptionSpec)
                .map(a -> (OptionSpec) a).toList()) {
            args.add(required.longestName());
            args.add("1");
        }
        if (spec.findOption("--run-dir") != null) {
            args.add("--run-dir");
            args.add(dir.resolve("run").toString());
        }
        args.add(option.longestName());
        args.add(value);
        return args.toArray(String[]::new);
    }

    private static CommandLine subcommand(List<String> command) {
        CommandLine cli = RollstreamCommand.commandLine();
        for (String name : command) {
            cli = cli.getSubcommands().get(name);
        }
        return cli;
    }

    private static Preflight parsed(CommandLine.ParseResult result) {
        CommandLine.ParseResult deepest = result;
        while (deepest.hasSubcommand()) {
            deepest = deepest.subcommand();
        }
        Object command = deepest.commandSpec().userObject();
        if (!(command instanceof Preflight preflight)) {
            return fail(deepest.commandSpec().qualifiedName() + " checks its options only when it runs");
        }
        return preflight;
    }

    /** Whether the option looks like it takes one of a fixed set of values: an enum, a list, or a|b in its label. */
    private static boolean hasClosedSet(OptionSpec option) {
        return option.type().isEnum() || option.completionCandidates() != null
                || option.paramLabel().contains("|") && !OPEN_SETS.contains(option.longestName());
    }

    /** What the option's help shows: its label and description, with the values it lists written out. */
    private static String help(OptionSpec option) {
        String description = String.join(" ", option.description());
        if (option.completionCandidates() != null) {
            description = description.replace("${COMPLETION-CANDIDATES}", StreamSupport
                    .stream(option.completionCandidates().spliterator(), false).collect(Collectors.joining(", ")));
        }
        return Stream.of(option.paramLabel(), description).collect(Collectors.joining(" "));
    }
}
