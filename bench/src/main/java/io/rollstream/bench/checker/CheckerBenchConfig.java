package io.rollstream.bench.checker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@code rollstream bench checker}.
 *
 * <ul>
 *   <li>{@code perDataset} (int, default 500): questions drawn from each evaluation data set (GSM8K test,
 *       MATH-500, AIME 2024, AMC 2023); data sets with fewer are taken whole</li>
 *   <li>{@code seed} (long, default 42): seed of the draw</li>
 *   <li>{@code python} (text, default {@code python3}): the interpreter that runs math-verify</li>
 *   <li>{@code workDir} (path, default a new temporary directory): where the corpus, math-verify's verdicts
 *       and its log are written</li>
 *   <li>{@code timeout} (duration, default 30 minutes): longest math-verify may take on the whole corpus</li>
 * </ul>
 */
public record CheckerBenchConfig(int perDataset, long seed, String python, Path workDir, Duration timeout) {

    public CheckerBenchConfig {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(timeout, "timeout");
        if (perDataset < 1) {
            throw new IllegalArgumentException("perDataset must be >= 1, got " + perDataset);
        }
        if (python.isBlank()) {
            throw new IllegalArgumentException("python must name an interpreter");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** The settings in print order. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("questionsPerDataset", perDataset);
        map.put("seed", seed);
        map.put("python", python);
        map.put("workDir", workDir == null ? "(temporary)" : workDir.toAbsolutePath());
        map.put("corpus", "every rewriting of " + Rewriting.values().length + " that applies to each drawn ground truth");
        return map;
    }
}
