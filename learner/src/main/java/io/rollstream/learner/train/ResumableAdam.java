package io.rollstream.learner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import io.rollstream.policy.model.Autograd;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Adam whose moments and step counts can be written to a checkpoint and read back. DJL's own {@code Adam} keeps
 * them in private maps keyed by random per-process parameter ids, so they cannot be saved; this one keys its
 * state by the parameter's stable name in the block. The update is the standard bias-corrected one:
 * <pre>
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 *   w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)
 * </pre>
 * The moment arrays live as long as the model's manager: they are optimiser state, not step data.
 */
public final class ResumableAdam extends Optimizer {

    private static final int FORMAT = 1;

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, String> nameById;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final Map<String, Integer> steps = new HashMap<>();
    // Moments read from a checkpoint, moved to the device on the parameter's first update.
    private final Map<String, float[][]> restored = new HashMap<>();

    /**
     * @param learningRate step size
     * @param nameById     parameter id (as the trainer passes it) to stable parameter name
     */
    public ResumableAdam(float learningRate, Map<String, String> nameById) {
        super(new Builder());
        this.learningRate = learningRate;
        this.beta1 = 0.9f;
        this.beta2 = 0.999f;
        this.epsilon = 1e-8f;
        this.nameById = Map.copyOf(nameById);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = Objects.requireNonNull(nameById.get(parameterId), "unknown parameter id " + parameterId);
        try (NDScope scope = new NDScope()) {
            NDArray m = means.get(name);
            if (m == null) {
                float[][] host = restored.remove(name);
                m = host == null ? weight.zerosLike() : weight.getManager().create(host[0], weight.getShape());
                NDArray v = host == null ? weight.zerosLike() : weight.getManager().create(host[1], weight.getShape());
                NDScope.unregister(m, v);
                means.put(name, m);
                variances.put(name, v);
            }
            NDArray v = variances.get(name);
            int t = steps.merge(name, 1, Integer::sum);
            m.muli(beta1).addi(grad.mul(1f - beta1)); // same shape as the weight
            v.muli(beta2).addi(grad.square().mul(1f - beta2)); // same shape as the weight
            double correction = Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
            NDArray delta = m.div(v.sqrt().add(epsilon)).mul((float) (learningRate * correction));
            Autograd.withoutRecording(() -> weight.subi(delta));
        }
    }

    /** Writes step counts and both moments of every parameter updated so far (or restored and not yet used). */
    public void save(DataOutputStream out) throws IOException {
        Map<String, float[][]> host = new TreeMap<>(restored);
        for (Map.Entry<String, NDArray> e : means.entrySet()) {
            host.put(e.getKey(), new float[][] {e.getValue().toFloatArray(),
                variances.get(e.getKey()).toFloatArray()});
        }
        out.writeInt(FORMAT);
        out.writeInt(host.size());
        for (Map.Entry<String, float[][]> e : host.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(steps.getOrDefault(e.getKey(), 0));
            float[] m = e.getValue()[0];
            float[] v = e.getValue()[1];
            out.writeInt(m.length);
            for (int i = 0; i < m.length; i++) {
                out.writeFloat(m[i]);
                out.writeFloat(v[i]);
            }
        }
    }

    /** Reads what {@link #save} wrote, replacing any state; call before the first update. */
    public void load(DataInputStream in) throws IOException {
        if (in.readInt() != FORMAT) {
            throw new IOException("unsupported optimiser state format");
        }
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        steps.clear();
        restored.clear();
        int count = in.readInt();
        for (int p = 0; p < count; p++) {
            String name = in.readUTF();
            int t = in.readInt();
            int n = in.readInt();
            float[] m = new float[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                m[i] = in.readFloat();
                v[i] = in.readFloat();
            }
            steps.put(name, t);
            restored.put(name, new float[][] {m, v});
        }
    }

    /** Step count of a parameter, by name; 0 before its first update. */
    public int stepsOf(String name) {
        return steps.getOrDefault(name, 0);
    }

    /** Names with state, sorted; for tests comparing two optimisers. */
    public String[] names() {
        String[] names = steps.keySet().toArray(String[]::new);
        Arrays.sort(names);
        return names;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
