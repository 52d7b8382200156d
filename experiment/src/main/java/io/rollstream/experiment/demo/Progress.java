package io.rollstream.experiment.demo;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The demo's progress bars: one per phase, on standard error so standard output stays the results. */
public final class Progress {

    private Progress() {
    }

    public static ProgressBar bar(String title, long total, String unit, PrintStream out) {
        return new ProgressBarBuilder()
                .setTaskName(title)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .showSpeed()
                .build();
    }
}
