package io.rollstream.bench.generate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Measures the device's dense float32 matmul rate: the ceiling the model's achieved rate is compared with. */
public final class MatmulProbe {

    private MatmulProbe() {}

    /** FLOP/s of repeated (n x n) @ (n x n) products, timed for at least {@code minSeconds} after a warm-up. */
    public static double measure(Device device, int n, double minSeconds) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray a = manager.randomNormal(new Shape(n, n)); // (n, n)
            NDArray b = manager.randomNormal(new Shape(n, n)); // (n, n)
            multiply(manager, a, b, 2);
            int repeats = 0;
            long begin = System.nanoTime();
            double elapsed;
            do {
                multiply(manager, a, b, 1);
                repeats++;
                elapsed = (System.nanoTime() - begin) / 1e9;
            } while (elapsed < minSeconds);
            return repeats * 2.0 * n * n * (double) n / elapsed;
        }
    }

    private static void multiply(NDManager manager, NDArray a, NDArray b, int times) {
        for (int i = 0; i < times; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray product = a.matMul(b); // (n, n)
                product.attach(step);
                // Reading one element waits for an asynchronous device to finish the product.
                product.get(0, 0).toFloatArray();
            }
        }
    }
}
