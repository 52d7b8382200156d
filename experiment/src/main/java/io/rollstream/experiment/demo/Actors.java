package io.rollstream.experiment.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.loop.ActorService;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.infra.security.Role;
import java.time.Duration;

/** Starts the demo's in-process actors, each in its policy's consumer group. */
public final class Actors {

    private Actors() {
    }

    public static ActorService start(DemoContext ctx, String actorId, String policyName, float temperature)
            throws InterruptedException {
        DemoSettings s = ctx.settings();
        ActorConfig config = ActorConfig.builder()
                .bootstrapServers(ctx.bootstrapServers())
                .schemaRegistryUrl(ctx.schemaRegistryUrl())
                .actorId(actorId)
                .policyName(policyName)
                .batchSize(s.actorBatch())
                .maxBatchWait(Duration.ofMillis(50))
                .temperature(temperature)
                .topP(1.0f)
                .maxNewTokens(s.maxNewTokens())
                .device(DeviceChoice.CPU)
                .seed(s.seed())
                .weightsDir(ctx.weightsDir())
                .sessionTimeout(Duration.ofSeconds(10))
                .login(ctx.login(Role.ACTOR))
                .build();
        ActorService actor = ActorService.create(config, new SimpleMeterRegistry());
        actor.start();
        if (!actor.awaitFirstPolicy(Duration.ofMinutes(2)) || !actor.awaitAssignment(Duration.ofMinutes(2))) {
            actor.close();
            throw new IllegalStateException("actor " + actorId + " did not load policy " + policyName
                    + " and join its group in time" + actor.failure().map(f -> ": " + f.getMessage()).orElse(""));
        }
        return actor;
    }

    public static void requireHealthy(ActorService actor) {
        actor.failure().ifPresent(f -> {
            throw new IllegalStateException("actor failed: " + f.getMessage(), f);
        });
    }
}
