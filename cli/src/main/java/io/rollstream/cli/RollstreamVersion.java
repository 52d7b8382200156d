package io.rollstream.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest (or "development" when run from classes). */
public final class RollstreamVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RollstreamVersion.class.getPackage().getImplementationVersion();
        return new String[] {"rollstream " + (version == null ? "development" : version)};
    }
}
