package io.rollstream.policy.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rollstream.policy.model.Slices;

/**
 * Rotated keys and values of every layer for one batched generation, one slot per key-value head (grouped-query
 * attention shares each among {@link LlamaConfig#groupSize()} query heads), preallocated and written in place.
 */
final class KvCache implements AutoCloseable {

    private final NDArray[] keys; // per layer (B, KvH, capacity, Dh)
    private final NDArray[] values; // per layer (B, KvH, capacity, Dh)
    private final int capacity;

    KvCache(NDManager manager, LlamaConfig config, int batch, int capacity) {
        // Rows of a batch share columns, so a long prompt beside a short one can need up to twice the context.
        if (capacity <= 0 || capacity > 2 * config.maxContext()) {
            throw new IllegalArgumentException(
                    "cache capacity " + capacity + " outside 1.." + 2 * config.maxContext());
        }
        Shape shape = new Shape(batch, config.kvHeads(), capacity, config.headDim());
        this.keys = new NDArray[config.layers()];
        this.values = new NDArray[config.layers()];
        this.capacity = capacity;
        for (int layer = 0; layer < config.layers(); layer++) {
            keys[layer] = manager.zeros(shape); // (B, KvH, capacity, Dh)
            values[layer] = manager.zeros(shape); // (B, KvH, capacity, Dh)
        }
    }

    int capacity() {
        return capacity;
    }

    /** Stores keys and values (B, KvH, S, Dh) of columns [start, start + S). */
    void write(int layer, NDArray newKeys, NDArray newValues, int start) {
        long length = newKeys.getShape().get(2);
        if (start < 0 || start + length > capacity) {
            throw new IllegalArgumentException(
                    "cache write [" + start + ", " + (start + length) + ") beyond capacity " + capacity);
        }
        Slices.write(keys[layer], 2, start, newKeys); // (B, KvH, S, Dh) into (B, KvH, capacity, Dh)
        Slices.write(values[layer], 2, start, newValues); // (B, KvH, S, Dh) into (B, KvH, capacity, Dh)
    }

    /** The first {@code length} keys (B, KvH, length, Dh), owned by {@code step}. */
    NDArray keys(int layer, int length, NDManager step) {
        return prefix(keys[layer], length, step);
    }

    /** The first {@code length} values (B, KvH, length, Dh), owned by {@code step}. */
    NDArray values(int layer, int length, NDManager step) {
        return prefix(values[layer], length, step);
    }

    private static NDArray prefix(NDArray full, int length, NDManager step) {
        return Slices.range(full, 2, 0, length, step); // (B, KvH, length, Dh)
    }

    @Override
    public void close() {
        for (int layer = 0; layer < keys.length; layer++) {
            keys[layer].close();
            values[layer].close();
        }
    }
}
