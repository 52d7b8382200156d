package io.rollstream.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds supervised warm-start examples from questions with worked solutions, in the exact conversation format
 * the actors will see, and stores them as JSON lines
 * {@code {"messages":[{"role":"system","content":...},...],"target":"..."}}.
 *
 * <p>Every question with a solution gives a first-attempt example (system prompt for N attempts, the problem;
 * target: the solution). A share of them also give a retry example, so the warm-started model knows the retry
 * format: the conversation continues with a wrong attempt and the feedback turn, and the target is the correct
 * solution. The wrong attempt is the solution with one step's result changing one digit and later steps worked
 * from that wrong value (synthetic-format solutions), or else the solution with its final boxed integer moved by
 * 1..10; questions whose answer is not an integer get no retry example.
 */
public final class SftExamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAST_BOXED_INTEGER = Pattern.compile("\\\\boxed\\{(-?\\d{1,15})}(?!.*\\\\boxed)",
            Pattern.DOTALL);
    private static final int MOST_ANSWER_SHIFT = 10;

    private final ProtocolTemplate template;
    private final AttemptsPolicy attempts;
    private final double retryShare;

    /**
     * @param template   wording of the system prompt and feedback turns
     * @param attempts   how N is drawn for each example's system prompt
     * @param retryShare share of questions that also give a retry example (0..1); needs N >= 2 to be possible
     */
    public SftExamples(ProtocolTemplate template, AttemptsPolicy attempts, double retryShare) {
        this.template = Objects.requireNonNull(template, "template");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        if (!(retryShare >= 0 && retryShare <= 1)) {
            throw new IllegalArgumentException("retry-share: must be in 0..1, got " + retryShare);
        }
        this.retryShare = retryShare;
    }

    /** The examples of {@code items} that have a solution, the same for the same seed. */
    public List<SftExample> build(List<TaskItem> items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Optional<AttemptsPolicy> retryAttempts = attempts.atLeast(2);
        List<SftExample> examples = new ArrayList<>();
        for (TaskItem item : items) {
            if (item.solution() == null) {
                continue;
            }
            examples.add(firstAttempt(item, template, attempts.draw(random)));
            if (retryAttempts.isPresent() && random.nextDouble() < retryShare) {
                afterWrongAttempt(item, template, retryAttempts.get().draw(random), random).ifPresent(examples::add);
            }
        }
        return examples;
    }

    /** The first-attempt example: system prompt for {@code maxAttempts}, the problem; target the solution. */
    public static SftExample firstAttempt(TaskItem item, ProtocolTemplate template, int maxAttempts) {
        return new SftExample(List.of(
                new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(template, maxAttempts)),
                new Message(Role.USER, item.problem())), requireSolution(item));
    }

    /**
     * The retry example: the first-attempt conversation, a wrong attempt, the feedback for {@code maxAttempts - 1}
     * attempts left; target the solution. Empty when no wrong attempt can be made (see {@link #wrongAttempt}).
     */
    public static Optional<SftExample> afterWrongAttempt(TaskItem item, ProtocolTemplate template, int maxAttempts,
                                                         RandomGenerator random) {
        if (maxAttempts < 2) {
            throw new IllegalArgumentException("a retry example needs at least 2 attempts, got " + maxAttempts);
        }
        String solution = requireSolution(item);
        return wrongAttempt(solution, random).map(wrong -> new SftExample(List.of(
                new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(template, maxAttempts)),
                new Message(Role.USER, item.problem()),
                new Message(Role.ASSISTANT, wrong),
                new Message(Role.SYSTEM, EpisodeProtocol.feedback(template, maxAttempts - 1))), solution));
    }

    /**
     * A retry example from a model's own wrong answers: the conversation of an episode of {@code maxAttempts}
     * whose first attempts were {@code wrong}, in order, each followed by the feedback turn with the attempts left;
     * target the solution. Needs 1 <= wrong.size() < maxAttempts.
     */
    public static SftExample afterOwnMistakes(TaskItem item, ProtocolTemplate template, int maxAttempts,
                                              List<String> wrong) {
        if (wrong.isEmpty() || wrong.size() >= maxAttempts) {
            throw new IllegalArgumentException("a retry example needs 1.." + (maxAttempts - 1) + " wrong attempts for "
                    + maxAttempts + " attempts, got " + wrong.size());
        }
        List<Message> messages = new ArrayList<>(List.of(
                new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(template, maxAttempts)),
                new Message(Role.USER, item.problem())));
        for (int i = 0; i < wrong.size(); i++) {
            messages.add(new Message(Role.ASSISTANT, wrong.get(i)));
            messages.add(new Message(Role.SYSTEM, EpisodeProtocol.feedback(template, maxAttempts - 1 - i)));
        }
        return new SftExample(messages, requireSolution(item));
    }

    /**
     * A wrong attempt made from a correct solution: a one-digit slip propagated through later steps for
     * synthetic-format solutions, otherwise the last boxed integer shifted by 1..10; empty when the solution
     * has neither.
     */
    public static Optional<String> wrongAttempt(String solution, RandomGenerator random) {
        Optional<WorkedSolution> worked = WorkedSolution.parse(solution);
        if (worked.isPresent()) {
            return Optional.of(worked.get().withSlip(random).render());
        }
        Matcher boxed = LAST_BOXED_INTEGER.matcher(solution);
        if (!boxed.find()) {
            return Optional.empty();
        }
        long shift = 1 + random.nextInt(MOST_ANSWER_SHIFT);
        long wrong = Long.parseLong(boxed.group(1)) + (random.nextBoolean() ? shift : -shift);
        return Optional.of(solution.substring(0, boxed.start(1)) + wrong + solution.substring(boxed.end(1)));
    }

    /** One example as a JSON line (no trailing newline). */
    public static String toJsonLine(SftExample example) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        for (Message message : example.messages()) {
            messages.addObject()
                    .put("role", message.getRole().name().toLowerCase(Locale.ROOT))
                    .put("content", message.getContent());
        }
        root.put("target", example.target());
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an SFT example as JSON", e);
        }
    }

    /** Reads a line written by {@link #toJsonLine}; fails naming what is missing. */
    public static SftExample fromJsonLine(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        JsonNode messages = root == null ? null : root.get("messages");
        JsonNode target = root == null ? null : root.get("target");
        if (messages == null || !messages.isArray() || target == null || !target.isTextual()) {
            throw new IllegalArgumentException("an SFT line needs a 'messages' array and a 'target' string");
        }
        List<Message> parsed = new ArrayList<>();
        for (JsonNode message : messages) {
            JsonNode role = message.get("role");
            JsonNode content = message.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new IllegalArgumentException("each message needs 'role' and 'content' strings");
            }
            parsed.add(new Message(role(role.asText()), content.asText()));
        }
        return new SftExample(parsed, target.asText());
    }

    /** Writes one JSON line per example, replacing the file. */
    public static void write(Collection<SftExample> examples, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SftExample example : examples) {
                out.write(toJsonLine(example));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads a file written by {@link #write}; fails naming the line that cannot be read. */
    public static List<SftExample> read(Path file) {
        List<SftExample> examples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    examples.add(fromJsonLine(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return examples;
    }

    private static Role role(String text) {
        for (Role role : Role.values()) {
            if (role.name().equalsIgnoreCase(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "'; expected system|user|assistant");
    }

    private static String requireSolution(TaskItem item) {
        if (item.solution() == null) {
            throw new IllegalArgumentException(item.questionId() + " has no worked solution to learn from");
        }
        return item.solution();
    }
}
