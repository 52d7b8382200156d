package io.rollstream.learner.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.ConfigKeys;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.DeviceChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the streaming learner in its own JVM: {@code --bootstrap-servers HOST:PORT --schema-registry-url URL
 * --run-dir DIR [--algorithm ppo|grpo] [--device auto|cpu|gpu] [--weights-dir DIR] [--stop-after-updates N]
 * [--set key=value]...}, where keys are {@link LearnerConfig}'s. Exit codes: 0 done, 1 failure, 2 bad arguments.
 */
public final class LearnerMain {

    private LearnerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses, runs until stopped or the update limit, and returns the exit code. */
    public static int run(String[] args) {
        LearnerConfig config;
        ServiceSettings settings;
        try {
            String bootstrap = null;
            String registry = null;
            Path runDir = null;
            Path weightsDir = null;
            Algorithm algorithm = Algorithm.PPO;
            DeviceChoice device = DeviceChoice.AUTO;
            long stopAfter = 0;
            java.util.List<String> sets = new java.util.ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--bootstrap-servers" -> bootstrap = value;
                    case "--schema-registry-url" -> registry = value;
                    case "--run-dir" -> runDir = Path.of(required(args[i], value));
                    case "--weights-dir" -> weightsDir = Path.of(required(args[i], value));
                    case "--algorithm" -> algorithm = Algorithm.parse(value);
                    case "--device" -> device = DeviceChoice.parse(required(args[i], value));
                    case "--stop-after-updates" -> stopAfter = Long.parseLong(required(args[i], value));
                    case "--set" -> sets.add(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
                i++;
            }
            LearnerConfig.Builder builder = LearnerConfig.preset(algorithm).toBuilder();
            sets.forEach(s -> ConfigKeys.apply(builder, s));
            config = builder.build();
            settings = new ServiceSettings(bootstrap, registry, required("--run-dir", runDir), weightsDir, device,
                    stopAfter, null);
        } catch (IllegalArgumentException e) {
            System.err.println("learner: " + e.getMessage());
            return 2;
        }
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(1);
        // On SIGTERM the loop finishes its update and writes a final checkpoint before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (LearnerService service = LearnerService.open(config, settings, new SimpleMeterRegistry())) {
            long updates = service.run(running::get);
            System.out.println("learner stopped after " + updates + " updates at version " + service.version());
            return 0;
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            return 1;
        } finally {
            stopped.countDown();
        }
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
