package io.rollstream.cli.experiment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream experiment}: the research comparisons, each with seeds, intervals and a verdict. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        header = "Runs a research comparison with seeds, confidence intervals and a verdict.",
        description = {
                "Each experiment runs its arms through the real pipeline from the same warm start and with "
                        + "the same budget, evaluates them on held-out questions and writes report.md, report.json "
                        + "and charts into its run directory."},
        subcommands = {MultiAttemptCommand.class, OreoCommand.class, OneShotCommand.class,
                ReplayCommand.class})
public final class ExperimentCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name an experiment: multi-attempt, oreo, one-shot or replay");
    }
}
