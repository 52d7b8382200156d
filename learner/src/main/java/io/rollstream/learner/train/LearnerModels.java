package io.rollstream.learner.train;

import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.rollstream.policy.model.PolicyModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The learner's one trained policy, its frozen reference copy, its one {@link Trainer} and the optimiser behind
 * it. Closing closes all of them.
 */
public final class LearnerModels implements AutoCloseable {

    /**
     * DJL's PyTorch engine lets one gradient collector record at a time in a JVM; learners that share a JVM
     * (the demo, tests) take turns on this lock for each backward pass.
     */
    public static final Object GRADIENT_TURN = new Object();

    private final PolicyModel policy;
    private final PolicyModel reference;
    private final ResumableAdam optimizer;
    private final Trainer trainer;

    private LearnerModels(PolicyModel policy, PolicyModel reference, ResumableAdam optimizer, Trainer trainer) {
        this.policy = policy;
        this.reference = reference;
        this.optimizer = optimizer;
        this.trainer = trainer;
    }

    /**
     * Takes ownership of {@code policy} and of {@code reference} (a frozen copy of the policy is made when null).
     */
    public static LearnerModels create(PolicyModel policy, PolicyModel referenceOrNull, float learningRate) {
        Objects.requireNonNull(policy, "policy");
        PolicyModel reference = referenceOrNull != null ? referenceOrNull : policy.frozenCopy();
        reference.freeze(true);
        Map<String, String> nameById = new HashMap<>();
        for (Pair<String, Parameter> pair : policy.block().getParameters()) {
            nameById.put(pair.getValue().getId(), pair.getKey());
        }
        ResumableAdam optimizer = new ResumableAdam(learningRate, nameById);
        // DJL insists on a loss in the training config; the learner builds its own objective instead.
        Trainer trainer = policy.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer));
        return new LearnerModels(policy, reference, optimizer, trainer);
    }

    public PolicyModel policy() {
        return policy;
    }

    public PolicyModel reference() {
        return reference;
    }

    public ResumableAdam optimizer() {
        return optimizer;
    }

    public Trainer trainer() {
        return trainer;
    }

    /**
     * Clips the accumulated gradients and applies one optimiser step; a zero or non-finite gradient is not
     * applied but discarded, so one bad minibatch cannot corrupt the weights.
     *
     * @return the gradient norm before clipping
     */
    public double step(float maxGradNorm) {
        List<Parameter> parameters = policy.trainableParameters();
        double norm = GradientClipper.clip(parameters, maxGradNorm);
        if (norm > 0 && Double.isFinite(norm)) {
            trainer.step();
        } else {
            try (NDScope scope = new NDScope()) {
                parameters.forEach(p -> p.getArray().getGradient().muli(0f));
            }
        }
        return norm;
    }

    /**
     * {@link #step} for the critic alone: every gradient outside the value head (and the value trunk, if the
     * model has one) is zeroed first, so the policy's weights do not move.
     *
     * @return the value head's gradient norm before clipping
     */
    public double stepValueHead(float maxGradNorm) {
        List<Parameter> critic = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            for (Pair<String, Parameter> pair : policy.block().getParameters()) {
                Parameter p = pair.getValue();
                if (!p.requiresGradient()) {
                    continue;
                }
                if (isValueParameter(pair.getKey())) {
                    critic.add(p);
                } else {
                    p.getArray().getGradient().muli(0f);
                }
            }
        }
        double norm = GradientClipper.clip(critic, maxGradNorm);
        if (norm > 0 && Double.isFinite(norm)) {
            trainer.step();
        } else {
            try (NDScope scope = new NDScope()) {
                critic.forEach(p -> p.getArray().getGradient().muli(0f));
            }
        }
        return norm;
    }

    /** Whether a parameter (by its block path) belongs to the critic: the value head or a value trunk. */
    static boolean isValueParameter(String name) {
        return name.contains("valueHead") || name.contains("valueTrunk");
    }

    @Override
    public void close() {
        try {
            trainer.close();
        } finally {
            try {
                reference.close();
            } finally {
                policy.close();
            }
        }
    }
}
