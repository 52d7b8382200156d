package io.rollstream.cli.run;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves a Prometheus registry at {@code GET /metrics} in the text exposition format. */
public final class PrometheusEndpoint implements AutoCloseable {

    private final HttpServer server;

    private PrometheusEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on {@code port} (0 = any free port) on all interfaces. */
    public static PrometheusEndpoint start(PrometheusMeterRegistry registry, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be -1 (off), 0 (any) or a port, got " + port);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new PrometheusEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port, e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
