package io.rollstream.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns a config record's validation failure into picocli's parameter error: one line naming the key and what
 * it accepts, then exit code 2, like every other bad option.
 */
public final class ConfigErrors {

    private ConfigErrors() {
    }

    public static <T> T orParameterError(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ParameterException(spec.commandLine(), "Invalid configuration: " + e.getMessage(), e);
        }
    }
}
