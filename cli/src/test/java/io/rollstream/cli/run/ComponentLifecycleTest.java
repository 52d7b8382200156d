package io.rollstream.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComponentLifecycleTest {

    private final Output out = new Output();
    private final StringWriter err = new StringWriter();

    /** Output that wakes whoever waits for a line to appear in it. */
    private static final class Output extends StringWriter {
        @Override
        public synchronized void write(String str, int off, int len) {
            super.write(str, off, len);
            notifyAll();
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            super.write(cbuf, off, len);
            notifyAll();
        }

        @Override
        public synchronized void write(int c) {
            super.write(c);
            notifyAll();
        }

        /** Waits until {@code pattern} matches the output, for at most {@code timeout}. */
        synchronized Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Matcher m = pattern.matcher(toString());
            while (!m.find()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no " + pattern + " in: " + this);
                }
                wait(left);
                m = pattern.matcher(toString());
            }
            return m;
        }
    }

    /** A component that counts to a target on its own thread, then stops by itself (like a feed). */
    private static final class Countdown implements RunningComponent {
        private final CountDownLatch done = new CountDownLatch(1);
        private final Throwable failure;
        private final Counter counted;
        private volatile boolean closed;

        Countdown(MeterRegistry meters, int target, Throwable failure, CountDownLatch release) {
            this.failure = failure;
            this.counted = Counter.builder("rollstream.test.counted").register(meters);
            Thread thread = new Thread(() -> {
                for (int i = 0; i < target; i++) {
                    counted.increment();
                }
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            thread.start();
        }

        @Override
        public boolean awaitStop(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public String report() {
            return (long) counted.count() + " counted";
        }

        @Override
        public Optional<Throwable> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private int run(int port, ComponentLifecycle.Starter starter) {
        return ComponentLifecycle.run("test", port, new PrintWriter(out, true), new PrintWriter(err, true), starter);
    }

    @Test
    void shouldExitZeroAndReportWhenTheComponentStopsByItself() {
        AtomicReference<Countdown> started = new AtomicReference<>();
        int code = run(-1, meters -> {
            started.set(new Countdown(meters, 3, null, new CountDownLatch(0)));
            return started.get();
        });
        assertEquals(ComponentLifecycle.OK, code, err.toString());
        assertTrue(out.toString().contains("test stopped: 3 counted"), out.toString());
        assertTrue(started.get().closed, "the lifecycle closes what it started");
    }

    @Test
    void shouldExitOneWhenTheComponentFails() {
        int code = run(-1, meters -> new Countdown(meters, 1, new IllegalStateException("disk full"),
                new CountDownLatch(0)));
        assertEquals(ComponentLifecycle.FAILED, code);
        assertTrue(err.toString().contains("test failed: java.lang.IllegalStateException: disk full"), err.toString());
    }

    @Test
    void shouldExitOneWhenTheComponentCannotStart() {
        int code = run(-1, meters -> {
            throw new java.io.IOException("registry unreachable");
        });
        assertEquals(ComponentLifecycle.FAILED, code);
        assertTrue(err.toString().contains("registry unreachable"), err.toString());
    }

    @Test
    void shouldExitTwoOnAnInvalidMetricsPortWithoutStarting() {
        AtomicReference<Boolean> started = new AtomicReference<>(false);
        int code = run(65536, meters -> {
            started.set(true);
            return new Countdown(meters, 0, null, new CountDownLatch(0));
        });
        assertEquals(ComponentLifecycle.BAD_CONFIG, code);
        assertEquals(false, started.get());
        assertTrue(err.toString().contains("--metrics-port"), err.toString());
    }

    @Test
    void shouldServeTheComponentsMetersOnTheAnnouncedPort() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> scraped = new AtomicReference<>();
        Thread lifecycle = new Thread(() -> run(0, meters -> {
            return new Countdown(meters, 2, null, release);
        }));
        lifecycle.start();
        try {
            int port = awaitPort(Duration.ofSeconds(30));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            scraped.set(response.body());
        } finally {
            release.countDown();
            lifecycle.join(30_000);
        }
        assertTrue(scraped.get().contains("rollstream_test_counted_total 2.0"), scraped.get());
    }

    private int awaitPort(Duration timeout) throws InterruptedException {
        Pattern started = Pattern.compile("metrics on http://localhost:(\\d+)/metrics");
        return Integer.parseInt(out.await(started, timeout).group(1));
    }
}
