package io.rollstream.cli.audit;

import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.audit.AuditTime;
import io.rollstream.audit.ExportConfig;
import io.rollstream.audit.ExportFormat;
import io.rollstream.audit.ExportSummary;
import io.rollstream.audit.Exporter;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.infra.security.Role;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream export}: writes a topic's committed records in a time range as JSON lines, CSV or Parquet. */
@Command(name = "export",
        header = "Writes a time window of one topic as JSON lines, CSV or Parquet.", mixinStandardHelpOptions = true,
        description = {
                "Writes the committed records of one topic whose timestamps are in [--from, --to) for "
                        + "downstream analysis, partition by partition in offset order.",
                "jsonl: one object per record with topic, partition, offset, timestamp (ISO-8601), key, "
                        + "headers and value in Avro's JSON encoding (a union value is wrapped in its branch name, "
                        + "e.g. {\"float\": 1.0}).",
                "csv: a header row, then topic, partition, offset, timestamp, key and one column per "
                        + "top-level field of the value schema; nested records, arrays and maps are JSON text, "
                        + "timestamps ISO-8601.",
                "parquet: one row per record with topic, partition, offset, timestamp (timestamp-millis), "
                        + "key (byte keys base64) and value (the topic's Avro value schema, bytes for rl-dlq-v1); "
                        + "needs --output.",
                "TIME: " + AuditTime.FORMS + "."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SecurityOptions security;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "A topic of the catalog, e.g. rl-graded-v1.")
    private String topic;

    @Option(names = "--from", paramLabel = "TIME", defaultValue = "earliest",
            description = "First record timestamp, inclusive (default: ${DEFAULT-VALUE}).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
            description = "Last record timestamp, exclusive (default: ${DEFAULT-VALUE}).")
    private String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "JSONL",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private ExportFormat format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write (default: standard output; required for parquet).")
    private Path output;

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "Fail when reading makes no progress for this long (default: ${DEFAULT-VALUE}).")
    private Duration readTimeout;

    /** The export these options describe, with TIME arguments resolved against {@code now}. */
    ExportConfig config(Instant now) {
        Topic<?, ?> chosen = Topics.byName(topic).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Invalid value for option '--topic': unknown topic " + topic + "; topics: "
                        + Topics.allWithInternal().stream().map(Topic::name).collect(Collectors.joining(", "))));
        return ConfigErrors.orParameterError(spec, () -> new ExportConfig(cluster.bootstrapServers(),
                cluster.schemaRegistryUrl(), chosen, AuditTime.parse(from, now), AuditTime.parse(to, now), format,
                readTimeout, security.login(spec, Role.AUDITOR)));
    }

    @Override
    public Integer call() throws IOException {
        if (format == ExportFormat.PARQUET && output == null) {
            throw new ParameterException(spec.commandLine(), "--format parquet requires --output FILE: Parquet cannot"
                    + " be written to standard output");
        }
        ExportConfig config = config(Instant.now());
        if (output != null && output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        ExportSummary summary;
        if (output != null) {
            summary = Exporter.export(config, output);
        } else {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
                summary = Exporter.export(config, out);
            }
        }
        spec.commandLine().getErr().printf("exported %d records of %s in [%s, %s)%s%n", summary.written(),
                config.topic().name(), config.from(), config.to(),
                summary.unreadable().isEmpty() ? "" : "; skipped " + summary.unreadable().size()
                        + " unreadable records, first at " + summary.unreadable().get(0));
        return 0;
    }
}
