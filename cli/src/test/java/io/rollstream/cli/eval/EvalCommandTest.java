package io.rollstream.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.cli.CommandRun;
import org.junit.jupiter.api.Test;

class EvalCommandTest {

    @Test
    void shouldRefuseAnUnknownDecodingNamingTheOption() {
        CommandRun run = CommandRun.of("eval", "--policy-name", "p", "--policy-version", "1", "--decoding", "beam");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().lines().findFirst().orElse("").contains("--decoding"), run.err());
        assertTrue(run.err().contains("value-guided-search"), run.err());
    }

    @Test
    void shouldDescribeTheDecodingInItsHelp() {
        CommandRun help = CommandRun.of("eval", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--decoding"), help.out());
    }
}
