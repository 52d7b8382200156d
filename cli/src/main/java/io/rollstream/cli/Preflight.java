package io.rollstream.cli;

import java.util.Map;

/**
 * A command that checks its options together, and loads the questions they name, before it starts anything that
 * takes time (a broker, a model, a run directory): a value it cannot run with is refused up front, never mid-run.
 */
public interface Preflight {

    /**
     * Checks the options and loads the questions they name. A combination the command cannot run throws
     * picocli's {@link picocli.CommandLine.ParameterException}: one line naming the option and what it accepts.
     *
     * @return how many questions were loaded for each data set and split the run reads, keyed like
     *         {@code gsm8k/train}
     */
    Map<String, Integer> preflight();
}
