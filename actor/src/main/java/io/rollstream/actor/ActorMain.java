package io.rollstream.actor;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.config.ActorSettings;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Entry point of a stand-alone actor process: flags and environment into an {@link ActorConfig}, then the
 * actor runs until SIGTERM. A bad value prints one line naming the key and exits with code 2.
 */
public final class ActorMain {

    private ActorMain() {
    }

    public static void main(String[] args) {
        // DJL must never try to download its native library: the PyTorch jar on the class path has it.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(List.of(args), System.getenv(), out, err));
    }

    /** Parses and runs; returns the process exit code. */
    static int run(List<String> args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println("Usage: ActorMain [--key value]...  (flags override environment variables)");
            out.println(ActorSettings.usage());
            return 0;
        }
        ActorConfig config;
        try {
            config = ActorSettings.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("actor: " + e.getMessage());
            return 2;
        }
        return ActorProcess.runUntilShutdown(config, out);
    }
}
