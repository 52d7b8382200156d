package io.rollstream.cli.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one component in this JVM until it stops by itself, fails, or the JVM is asked to stop (SIGTERM, Ctrl-C):
 * the metrics registry and its Prometheus endpoint, the shutdown hook that lets the component finish and commit
 * the work in hand, a report line every {@link #REPORT_EVERY}, and the exit code. Every component command runs
 * through here, so all of them stop and report the same way.
 *
 * <p>Exit codes: {@link #OK} stopped cleanly, {@link #FAILED} the component or its start failed (broker, registry,
 * disk), {@link #BAD_CONFIG} a configuration value was rejected (the commands reject their options the same way
 * before calling {@link #run}).
 */
public final class ComponentLifecycle {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_CONFIG = 2;
    /** Period of the report line. */
    public static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    /** Longest the shutdown hook waits for the component to finish its work in hand. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    /** Starts a component reporting to the given registry; it runs on threads of its own. */
    @FunctionalInterface
    public interface Starter {
        RunningComponent start(MeterRegistry meters) throws Exception;
    }

    private final String component;
    private final int metricsPort;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private RunningComponent running; // guarded by this
    private boolean stopRequested; // guarded by this

    private ComponentLifecycle(String component, int metricsPort, PrintWriter out, PrintWriter err) {
        this.component = component;
        this.metricsPort = metricsPort;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code component} with {@code starter} and runs it to the end; returns the exit code.
     *
     * @param metricsPort -1 for no endpoint, 0 for any free port, else the port of {@code /metrics}
     */
    public static int run(String component, int metricsPort, PrintWriter out, PrintWriter err, Starter starter) {
        if (metricsPort < -1 || metricsPort > 65535) {
            err.println("rollstream " + component + ": --metrics-port must be -1 (off), 0 (any) or a port, got "
                    + metricsPort);
            err.flush();
            return BAD_CONFIG;
        }
        return new ComponentLifecycle(component, metricsPort, out, err).run(starter);
    }

    private int run(Starter starter) {
        Thread hook = new Thread(this::stopFromHook, "rollstream-" + component + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrometheusMeterRegistry meters = MeterScheme.registry();
        PrometheusEndpoint endpoint = null;
        RunningComponent started = null;
        try {
            endpoint = metricsPort < 0 ? null : PrometheusEndpoint.start(meters, metricsPort);
            started = starter.start(meters);
            if (!adopt(started)) {
                started.close(); // SIGTERM arrived while starting
            }
            print("%s started%s: %s", component,
                    endpoint == null ? "" : ", metrics on http://localhost:" + endpoint.port() + "/metrics",
                    started.report());
            while (!started.awaitStop(REPORT_EVERY)) {
                print("%s: %s", component, started.report());
            }
            print("%s stopped: %s", component, started.report());
            Optional<Throwable> failure = started.failure();
            if (failure.isPresent()) {
                fail(failure.get());
                return FAILED;
            }
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK; // asked to stop; the component is closed below
        } catch (Exception e) {
            fail(e);
            return FAILED;
        } finally {
            if (started != null) {
                started.close();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            meters.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is what stopped the component.
            }
        }
    }

    private synchronized boolean adopt(RunningComponent started) {
        running = started;
        return !stopRequested;
    }

    /** SIGTERM or Ctrl-C: let the component finish its work in hand, then wait for the final report. */
    private void stopFromHook() {
        RunningComponent toStop;
        synchronized (this) {
            stopRequested = true;
            toStop = running;
        }
        if (toStop != null) {
            toStop.close();
        }
        try {
            finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(Throwable failure) {
        err.println(component + " failed: " + failure);
        err.flush();
    }

    private void print(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }
}
