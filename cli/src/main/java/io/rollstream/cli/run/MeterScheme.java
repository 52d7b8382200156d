package io.rollstream.cli.run;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one naming scheme of every component's metrics: {@code rollstream.<component>.<what>} with a base unit, which
 * Prometheus shows as {@code rollstream_<component>_<what>_<unit>} (counters end in {@code _total}, timers in
 * {@code _seconds}). The components name their own meters so; the Kafka clients' own metrics
 * ({@code kafka.consumer.*}, {@code kafka.producer.*}, {@code kafka.stream.*}) are moved under the component here,
 * e.g. {@code rollstream_actor_kafka_consumer_fetch_manager_records_lag_max}.
 */
public final class MeterScheme {

    /** Prefix of every meter a component exports. */
    public static final String PREFIX = "rollstream.";

    private MeterScheme() {
    }

    /** A Prometheus registry for {@code component} that applies the scheme to every meter registered with it. */
    public static PrometheusMeterRegistry registry(String component) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(underComponent(component));
        return registry;
    }

    /** Renames meters outside the scheme to {@code rollstream.<component>.<their name>}. */
    static MeterFilter underComponent(String component) {
        String prefix = PREFIX + component + ".";
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith(PREFIX) ? id : id.withName(prefix + id.getName());
            }
        };
    }
}
