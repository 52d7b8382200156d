package io.rollstream.cli.bench;

import io.rollstream.bench.BenchReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output options every benchmark shares. */
public final class ReportOptions {

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the settings, the machine and the figures to FILE as JSON.")
    Path json;

    /** Prints the results and writes the JSON file when one was asked for. */
    void finish(BenchReport report, PrintWriter out) throws IOException {
        report.printResults(out);
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json.toAbsolutePath());
            out.flush();
        }
    }
}
