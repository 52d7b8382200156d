package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Moves (B, T) and (B) arrays between the device and the host, and checks the shapes and masks the host-side
 * estimators are given, so a wrong layout fails loudly instead of producing plausible numbers.
 */
final class HostArrays {

    private HostArrays() {
    }

    /** Copies a 2-D array to the host as float rows. */
    static float[][] toMatrix(NDArray array) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("expected a (B, T) array, got shape " + shape);
        }
        int rows = Math.toIntExact(shape.get(0));
        int cols = Math.toIntExact(shape.get(1));
        float[] flat = array.toType(DataType.FLOAT32, false).toFloatArray(); // (B * T)
        float[][] matrix = new float[rows][cols];
        for (int b = 0; b < rows; b++) {
            System.arraycopy(flat, b * cols, matrix[b], 0, cols);
        }
        return matrix;
    }

    /** Copies a 1-D array to the host as floats. */
    static float[] toVector(NDArray array) {
        if (array.getShape().dimension() != 1) {
            throw new IllegalArgumentException("expected a (B) array, got shape " + array.getShape());
        }
        return array.toType(DataType.FLOAT32, false).toFloatArray(); // (B)
    }

    /** Creates a float32 (B, T) array on the manager's device. */
    static NDArray fromMatrix(NDManager manager, float[][] matrix) {
        return manager.create(matrix); // (B, T)
    }

    /** Fails unless {@code matrix} is rectangular with {@code rows} rows of {@code cols} columns. */
    static void requireShape(String name, float[][] matrix, int rows, int cols) {
        if (matrix.length != rows) {
            throw new IllegalArgumentException(name + " has " + matrix.length + " rows, expected " + rows);
        }
        for (int b = 0; b < rows; b++) {
            if (matrix[b].length != cols) {
                throw new IllegalArgumentException(
                        name + " row " + b + " has " + matrix[b].length + " columns, expected " + cols);
            }
        }
    }

    /** Fails unless every entry of the mask is exactly 0 or 1, and returns its column count. */
    static int requireMask(float[][] responseMask) {
        int cols = responseMask.length == 0 ? 0 : responseMask[0].length;
        requireShape("responseMask", responseMask, responseMask.length, cols);
        for (int b = 0; b < responseMask.length; b++) {
            for (int t = 0; t < cols; t++) {
                float m = responseMask[b][t];
                if (m != 0f && m != 1f) {
                    throw new IllegalArgumentException(
                            "responseMask must be 0 or 1, got " + m + " at (" + b + ", " + t + ")");
                }
            }
        }
        return cols;
    }

    /** Fails unless the two arrays have the same shape. */
    static void requireSameShape(String name, NDArray array, String referenceName, NDArray reference) {
        if (!array.getShape().equals(reference.getShape())) {
            throw new IllegalArgumentException(name + " has shape " + array.getShape() + " but "
                    + referenceName + " has " + reference.getShape());
        }
    }

    /** The mask as float32, so boolean and integer masks can be multiplied with float losses. */
    static NDArray floatMask(NDArray responseMask) {
        return responseMask.toType(DataType.FLOAT32, false); // (B, T)
    }
}
