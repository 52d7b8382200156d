package io.rollstream.cli.grader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rollstream.cli.run.RunningComponent;
import io.rollstream.grader.app.GraderApp;
import io.rollstream.grader.app.GraderConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The grader as the lifecycle runs it: started once every stream thread runs, reported from its meters. */
final class RunningGrader implements RunningComponent {

    /** Longest wait for the first rebalance to finish and the stream threads to run. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final GraderConfig config;
    private final GraderApp app;

    private RunningGrader(GraderConfig config, GraderApp app) {
        this.config = config;
        this.app = app;
    }

    static RunningGrader start(GraderConfig config, MeterRegistry meters) throws Exception {
        GraderApp app = GraderApp.start(config, meters);
        try {
            app.awaitRunning(START_TIMEOUT);
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return new RunningGrader(config, app);
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return app.awaitStop(timeout);
    }

    @Override
    public String report() {
        return String.format(Locale.ROOT, "version %s as %s on %s, %s, %.0f attempts graded, %.0f episodes closed, "
                        + "%.0f dead letters", config.settings().graderVersion(), config.applicationId(),
                config.bootstrapServers(), app.state(), total("rollstream.grader.attempts.graded"),
                total("rollstream.grader.episodes.closed"), total("rollstream.grader.dead.letters"));
    }

    private double total(String counter) {
        return app.meters().find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public Optional<Throwable> failure() {
        return app.failure().map(IllegalStateException::new);
    }

    @Override
    public void close() {
        app.close();
    }
}
