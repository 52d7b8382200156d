package io.rollstream.cli.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The logs of a run that has a console of its own (the demo, the experiments): while open, every log event goes
 * to a file of {@code <run-dir>/logs/} named by the component that logged it, and nothing reaches the console but
 * what the run prints itself, unless {@code verbose} keeps the console appenders as well. Closing puts the
 * logging back as it was.
 *
 * <p>The components are told apart by logger name, since a run holds them all in one JVM: the broker, the schema
 * registry and every Kafka client log to {@code kafka.log}, the grader, actors, learners and feeders each to their
 * own file, DJL to {@code djl.log}, and everything else (the run itself, the policy, evaluation, audits) to
 * {@code rollstream.log}. Files nothing was logged to are removed at the end. When logback is not the logging backend (a library user's own choice), nothing moves.
 */
public final class RunLogs implements AutoCloseable {

    /** Each file and the logger names whose events it takes; the rest goes to {@link #OTHERS}. */
    static final Map<String, List<String>> COMPONENTS;
    static final String OTHERS = "rollstream.log";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger - %msg%n";

    static {
        Map<String, List<String>> components = new LinkedHashMap<>();
        components.put("kafka.log", List.of("org.apache.kafka", "kafka", "state.change.logger", "io.rollstream.infra"));
        components.put("grader.log", List.of("io.rollstream.grader"));
        components.put("actor.log", List.of("io.rollstream.actor"));
        components.put("learner.log", List.of("io.rollstream.learner"));
        components.put("feeder.log", List.of("io.rollstream.feeder"));
        components.put("djl.log", List.of("ai.djl"));
        COMPONENTS = java.util.Collections.unmodifiableMap(components);
    }

    private final Path directory;
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    private RunLogs(Path directory) {
        this.directory = directory;
    }

    /** Sends the logs to {@code <runDir>/logs/}, appending to files an earlier run in the directory left. */
    public static RunLogs toRunDirectory(Path runDir, boolean verbose) throws IOException {
        Path directory = runDir.resolve("logs").toAbsolutePath();
        RunLogs logs = new RunLogs(directory);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return logs;
        }
        Files.createDirectories(directory);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            consoles.add(it.next());
        }
        for (Map.Entry<String, List<String>> component : COMPONENTS.entrySet()) {
            FileAppender<ILoggingEvent> file = logs.file(context, component.getKey());
            for (String name : component.getValue()) {
                Logger logger = context.getLogger(name);
                boolean additive = logger.isAdditive();
                logger.addAppender(file);
                List<Appender<ILoggingEvent>> shown = verbose ? consoles : List.of();
                shown.forEach(logger::addAppender);
                logger.setAdditive(false);
                logs.undo.add(() -> {
                    logger.detachAppender(file);
                    shown.forEach(logger::detachAppender);
                    logger.setAdditive(additive);
                });
            }
        }
        FileAppender<ILoggingEvent> others = logs.file(context, OTHERS);
        root.addAppender(others);
        logs.undo.add(() -> root.detachAppender(others));
        if (!verbose) {
            consoles.forEach(root::detachAppender);
            logs.undo.add(() -> consoles.forEach(root::addAppender));
        }
        return logs;
    }

    /** Where the files are. */
    public Path directory() {
        return directory;
    }

    private FileAppender<ILoggingEvent> file(LoggerContext context, String name) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("run-" + name);
        Path file = directory.resolve(name);
        files.add(file);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        undo.add(appender::stop);
        return appender;
    }

    /** Puts the logging back as it was and removes the files nothing was logged to. */
    @Override
    public void close() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
        for (Path file : files) {
            try {
                if (Files.size(file) == 0) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                // a file that cannot be sized or removed stays; the run's results do not depend on it
            }
        }
        files.clear();
    }
}
