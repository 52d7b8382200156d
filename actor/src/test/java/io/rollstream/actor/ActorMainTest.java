package io.rollstream.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActorMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args, Map<String, String> env) {
        return ActorMain.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldExitWithCodeTwoAndOneLineNamingTheKeyOnABadValue() {
        int code = run(List.of("--max-new-tokens", "0"), Map.of());

        assertEquals(2, code);
        assertEquals("actor: maxNewTokens must be a positive integer, got 0", err.toString().strip());
    }

    @Test
    void shouldReportABadEnvironmentVariableTheSameWay() {
        int code = run(List.of(), Map.of("ROLLSTREAM_ACTOR_TOP_P", "2"));

        assertEquals(2, code);
        assertTrue(err.toString().startsWith("actor: topP"), err.toString());
    }

    @Test
    void shouldPrintEveryKeyOnHelp() {
        assertEquals(0, run(List.of("--help"), Map.of()));
        assertTrue(out.toString().contains("--weights-dir") && out.toString().contains("ROLLSTREAM_WEIGHTS_DIR"));
    }
}
