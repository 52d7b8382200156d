package io.rollstream.cli.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one naming scheme of every component's metrics: {@code rollstream.<component>.<what>} with a base unit, which
 * Prometheus shows as {@code rollstream_<component>_<what>_<unit>} (counters end in {@code _total}, timers in
 * {@code _seconds}); each component names its own meters so. The Kafka clients' own metrics keep Kafka's names
 * ({@code kafka_consumer_*}, {@code kafka_producer_*}, {@code kafka_stream_*}, consumer lag as
 * {@code kafka_consumer_fetch_manager_records_lag_max}): Micrometer's Kafka binders look their meters up by those
 * names to replace them when a client adds tags, so renaming them breaks the binders.
 */
public final class MeterScheme {

    /** Prefix of every meter a component names itself. */
    public static final String PREFIX = "rollstream.";

    private MeterScheme() {
    }

    /** A Prometheus registry for one component's meters. */
    public static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
