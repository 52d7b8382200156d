package io.rollstream.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Run logs on the project's logback configuration: routed by component, off the console, put back on close. */
class RunLogsTest {

    @TempDir
    Path runDir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureConsole() {
        savedErr = System.err;
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setErr(savedErr);
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteEachComponentToItsOwnFileAndNothingToTheConsole() throws Exception {
        try (RunLogs logs = RunLogs.toRunDirectory(runDir, false)) {
            LoggerFactory.getLogger("io.rollstream.grader.topology.EpisodeGrader").info("graded one");
            LoggerFactory.getLogger("io.rollstream.actor.loop.ActorService").warn("actor slow");
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("broker away");
            LoggerFactory.getLogger("io.rollstream.experiment.demo.DemoRunner").info("phase done");
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").info("below the library level");
            assertEquals(runDir.resolve("logs").toAbsolutePath(), logs.directory());
        }
        Path dir = runDir.resolve("logs");
        assertEquals(List.of("actor.log", "grader.log", "kafka.log", "rollstream.log"), files(dir),
                "files nothing was logged to are removed");
        assertTrue(Files.readString(dir.resolve("grader.log")).contains("INFO  io.rollstream.grader.topology"
                + ".EpisodeGrader - graded one"));
        assertTrue(Files.readString(dir.resolve("actor.log")).contains("actor slow"));
        String kafka = Files.readString(dir.resolve("kafka.log"));
        assertTrue(kafka.contains("broker away") && !kafka.contains("below the library level"), kafka);
        String others = Files.readString(dir.resolve("rollstream.log"));
        assertTrue(others.contains("phase done") && !others.contains("graded one"), others);
        assertEquals("", console());
    }

    @Test
    void shouldPutTheConsoleBackWhenClosed() throws Exception {
        try (RunLogs logs = RunLogs.toRunDirectory(runDir, false)) {
            LoggerFactory.getLogger("io.rollstream.learner.service.LearnerService").info("during the run");
        }
        LoggerFactory.getLogger("io.rollstream.learner.service.LearnerService").info("after the run");
        assertTrue(console().contains("after the run") && !console().contains("during the run"), console());
        assertFalse(Files.readString(runDir.resolve("logs/learner.log")).contains("after the run"));
    }

    @Test
    void shouldKeepTheConsoleWhenVerbose() throws Exception {
        try (RunLogs logs = RunLogs.toRunDirectory(runDir, true)) {
            LoggerFactory.getLogger("io.rollstream.feeder.Feeder").info("fed");
            LoggerFactory.getLogger("io.rollstream.experiment.demo.DemoRunner").info("phase done");
        }
        assertEquals(1, console().lines().filter(l -> l.endsWith("io.rollstream.feeder.Feeder - fed")).count(),
                console());
        assertEquals(1, console().lines().filter(l -> l.endsWith("phase done")).count(), console());
        assertTrue(Files.readString(runDir.resolve("logs/feeder.log")).contains("fed"));
    }

    private static List<String> files(Path dir) throws Exception {
        try (var listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
