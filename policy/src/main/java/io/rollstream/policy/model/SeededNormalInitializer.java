package io.rollstream.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Draws N(0, sigma²) weights from {@link java.util.Random}, whose sequence the JDK specifies exactly, so a seed
 * gives the same initial weights on every engine, device and machine.
 */
final class SeededNormalInitializer implements Initializer {

    private final double sigma;
    private final long seed;

    SeededNormalInitializer(double sigma, long seed) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
        this.sigma = sigma;
        this.seed = seed;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
