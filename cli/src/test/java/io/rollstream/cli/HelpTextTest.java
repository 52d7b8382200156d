package io.rollstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        List<CommandLine> commands = new ArrayList<>();
        collect(RollstreamCommand.commandLine(), commands);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> usages = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands) {
                usages.add(command.getUsageMessage());
            }
        } finally {
            System.setErr(stderr);
        }

        assertTrue(commands.size() > 20, "commands found: " + commands.size());
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        for (String usage : usages) {
            assertFalse(usage.contains("%n") || usage.contains("%%"), usage);
        }
    }

    @Test
    void experimentDescriptionsNameTheirIntervalsAsPercent() {
        String usage = RollstreamCommand.commandLine().getSubcommands().get("experiment").getSubcommands()
                .get("replay").getUsageMessage();

        assertTrue(usage.replaceAll("\\s+", " ").contains("95% bootstrap"), usage);
        assertFalse(usage.contains("95%%"), usage);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
