package io.rollstream.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for one batched generation, preallocated to the generation's capacity and
 * written in place, so a decoding step costs one token's work instead of re-reading the whole sequence.
 * Lives exactly as long as the generation that opened it.
 */
public final class KvCache implements AutoCloseable {

    private final NDArray[] keys; // per layer (B, H, capacity, Dh)
    private final NDArray[] values; // per layer (B, H, capacity, Dh)
    private final int capacity;

    private KvCache(NDArray[] keys, NDArray[] values, int capacity) {
        this.keys = keys;
        this.values = values;
        this.capacity = capacity;
    }

    /** Zeroed cache for {@code batch} rows and {@code capacity} positions, attached to {@code manager}. */
    public static KvCache allocate(NDManager manager, ModelConfig config, int batch, int capacity) {
        if (capacity <= 0 || capacity > 2 * config.maxContext()) {
            throw new IllegalArgumentException("cache capacity out of range: " + capacity);
        }
        Shape shape = new Shape(batch, config.heads(), capacity, config.headDim());
        NDArray[] keys = new NDArray[config.layers()];
        NDArray[] values = new NDArray[config.layers()];
        for (int layer = 0; layer < config.layers(); layer++) {
            keys[layer] = manager.zeros(shape); // (B, H, capacity, Dh)
            values[layer] = manager.zeros(shape); // (B, H, capacity, Dh)
        }
        return new KvCache(keys, values, capacity);
    }

    /** Positions the cache can hold. */
    public int capacity() {
        return capacity;
    }

    /** Stores keys and values (B, H, S, Dh) of positions [start, start + S). */
    void write(int layer, NDArray newKeys, NDArray newValues, int start) {
        long length = newKeys.getShape().get(2);
        if (start < 0 || start + length > capacity) {
            throw new IllegalArgumentException(
                    "cache write [" + start + ", " + (start + length) + ") beyond capacity " + capacity);
        }
        Slices.write(keys[layer], 2, start, newKeys); // (B, H, S, Dh) into (B, H, capacity, Dh)
        Slices.write(values[layer], 2, start, newValues); // (B, H, S, Dh) into (B, H, capacity, Dh)
    }

    /** View of the first {@code length} keys (B, H, length, Dh), owned by {@code stepManager}. */
    NDArray keys(int layer, int length, NDManager stepManager) {
        return prefix(keys[layer], length, stepManager);
    }

    /** View of the first {@code length} values (B, H, length, Dh), owned by {@code stepManager}. */
    NDArray values(int layer, int length, NDManager stepManager) {
        return prefix(values[layer], length, stepManager);
    }

    private static NDArray prefix(NDArray full, int length, NDManager stepManager) {
        return Slices.range(full, 2, 0, length, stepManager); // (B, H, length, Dh)
    }

    @Override
    public void close() {
        for (int layer = 0; layer < keys.length; layer++) {
            keys[layer].close();
            values[layer].close();
        }
    }
}
