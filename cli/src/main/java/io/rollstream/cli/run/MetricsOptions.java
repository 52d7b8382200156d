package io.rollstream.cli.run;

import picocli.CommandLine.Option;

/** The {@code --metrics-port} option of every long-running component. */
public final class MetricsOptions {

    /** The endpoint is off unless asked for. */
    public static final int DEFAULT_METRICS_PORT = -1;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            defaultValue = "${env:ROLLSTREAM_METRICS_PORT:-" + DEFAULT_METRICS_PORT + "}",
            description = "Serve Prometheus metrics at http://host:PORT/metrics; -1 = off, 0 = any free port "
                    + "(env ROLLSTREAM_METRICS_PORT; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    public int metricsPort() {
        return metricsPort;
    }
}
