package io.rollstream.cli;

/** How a component command reads its configuration, printed at the foot of each one's help. */
public final class ConfigSources {

    /** The help footer: flags, environment variables, argument files, and which wins. */
    public static final String FOOTER = "%nConfiguration: a flag wins over the environment variable its option names, "
            + "which wins over the default. Any options may also come from an argument file: "
            + "rollstream <command> @FILE, FILE holding options and values separated by spaces or new lines "
            + "('#' starts a comment); files and flags mix, later ones win.";

    private ConfigSources() {
    }
}
