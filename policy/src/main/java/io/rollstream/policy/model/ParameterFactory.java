package io.rollstream.policy.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/**
 * Builds the parameters of the transformer blocks with GPT-2 style initialisation (weights N(0, 0.02²),
 * residual projections scaled down by sqrt(2·layers), norms at one, biases at zero), each weight seeded from
 * one model seed and its creation order.
 */
final class ParameterFactory {

    private static final double SIGMA = 0.02;

    private final long seed;
    private final int layers;
    private long created;

    ParameterFactory(long seed, int layers) {
        this.seed = seed;
        this.layers = layers;
    }

    Parameter weight(String name, long... shape) {
        return normal(name, SIGMA, shape);
    }

    /** Output projections that add into the residual stream; smaller so depth does not grow its variance. */
    Parameter residualWeight(String name, long... shape) {
        return normal(name, SIGMA / Math.sqrt(2.0 * layers), shape);
    }

    Parameter bias(String name, long size) {
        return fixed(name, Parameter.Type.BIAS, Initializer.ZEROS, size);
    }

    Parameter gamma(String name, long size) {
        return fixed(name, Parameter.Type.GAMMA, Initializer.ONES, size);
    }

    Parameter beta(String name, long size) {
        return fixed(name, Parameter.Type.BETA, Initializer.ZEROS, size);
    }

    private Parameter normal(String name, double sigma, long... shape) {
        // Mixing the counter into the seed keeps every weight's stream distinct yet reproducible.
        long parameterSeed = seed * 0x9E3779B97F4A7C15L + (++created);
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape))
                .optInitializer(new SeededNormalInitializer(sigma, parameterSeed))
                .build();
    }

    private static Parameter fixed(String name, Parameter.Type type, Initializer initializer, long size) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(new Shape(size))
                .optInitializer(initializer)
                .build();
    }
}
