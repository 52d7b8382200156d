package io.rollstream.policy.checkpoint;

import java.nio.file.Path;
import java.util.Set;

/**
 * Named tensors of one checkpoint, read on demand and dequantised to fp32. Shapes are row-major (PyTorch order)
 * whatever the file's own convention.
 */
public interface TensorSource {

    /** Every tensor name in the checkpoint. */
    Set<String> names();

    /** Row-major shape of {@code name}; fails naming the file and the tensor when it is absent. */
    long[] shape(String name) throws CheckpointException;

    /** The values of {@code name} as fp32. */
    Tensor read(String name) throws CheckpointException;

    /** The file holding {@code name} (for error messages). */
    Path fileOf(String name);
}
