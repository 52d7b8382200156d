package io.rollstream.cli;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns a config record's validation failure into picocli's parameter error: one line naming the key and what
 * it accepts, then exit code 2, like every other bad option.
 */
public final class ConfigErrors {

    /** A validation message that starts with the key it is about, e.g. {@code split: math500 has test}. */
    private static final Pattern KEYED_MESSAGE = Pattern.compile("([a-z][a-z-]*): (.*)", Pattern.DOTALL);

    private ConfigErrors() {
    }

    public static <T> T orParameterError(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ParameterException(spec.commandLine(), message(spec, e.getMessage()), e);
        }
    }

    /**
     * Runs a parse whose failure message does not start with a key, so that it does: {@code key: message}. The
     * key is the option's name without dashes, as config records write their keys.
     */
    public static <T> T keyed(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The error line for a validation message: picocli's own wording when the message's key is an option of
     * {@code spec}, so the line names the option as the user wrote it; otherwise the message as it is.
     */
    static String message(CommandSpec spec, String message) {
        Matcher keyed = KEYED_MESSAGE.matcher(message == null ? "" : message);
        if (keyed.matches() && spec.findOption("--" + keyed.group(1)) != null) {
            return "Invalid value for option '--" + keyed.group(1) + "': " + keyed.group(2);
        }
        return "Invalid configuration: " + message;
    }
}
