package io.rollstream.feeder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A feed's progress as meters, shown by Prometheus as {@code rollstream_feeder_questions_published_total},
 * {@code rollstream_feeder_prompts_published_total} (its rate is prompts/s) and
 * {@code rollstream_feeder_prompts_planned} (prompts this feed publishes in all).
 */
public final class FeedMetrics implements Consumer<FeedProgress> {

    private final AtomicReference<FeedProgress> latest = new AtomicReference<>(new FeedProgress(0, 0, 0, 0));

    public FeedMetrics(MeterRegistry registry) {
        FunctionCounter.builder("rollstream.feeder.questions.published", latest, p -> p.get().questionsSent())
                .description("questions handed to the producer").register(registry);
        FunctionCounter.builder("rollstream.feeder.prompts.published", latest, p -> p.get().promptsSent())
                .description("first-attempt prompts handed to the producer").register(registry);
        Gauge.builder("rollstream.feeder.prompts.planned", latest, p -> p.get().promptsTotal())
                .description("prompts this feed publishes in all").register(registry);
    }

    @Override
    public void accept(FeedProgress progress) {
        latest.set(progress);
    }

    /** The latest progress reported. */
    public FeedProgress progress() {
        return latest.get();
    }
}
