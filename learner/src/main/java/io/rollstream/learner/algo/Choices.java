package io.rollstream.learner.algo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses a configured name into one constant of an enum, failing with the list of accepted names. */
public final class Choices {

    private Choices() {
    }

    /**
     * Accepts the constant name in any case, with '-' in place of '_' ({@code token-mean}, {@code TOKEN_MEAN}).
     *
     * @param type the enum to choose from
     * @param what what is being chosen, for the error message (e.g. "loss aggregation")
     * @param text the configured name
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
        if (text != null) {
            String wanted = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; expected one of: " + names(type));
    }

    /** The names a user may write, lower case with dashes, comma separated. */
    public static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(Choices::configName)
                .collect(Collectors.joining(", "));
    }

    /** The dashed lower-case spelling of a constant, as written in configuration. */
    public static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
