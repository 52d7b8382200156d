package io.rollstream.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The machine a benchmark ran on, printed and written beside every figure so that numbers from different
 * machines are never compared unawares.
 *
 * @param cores        processors available to this JVM
 * @param jvm          JVM name, vendor and version
 * @param os           operating system and architecture
 * @param maxHeapBytes largest heap this JVM may use
 * @param loadAverage  the system's one-minute load average when the run started (negative when the system does not
 *                     say), since other work on the same cores lowers every figure
 */
public record MachineInfo(int cores, String jvm, String os, long maxHeapBytes, double loadAverage) {

    public MachineInfo {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        if (jvm == null || jvm.isBlank() || os == null || os.isBlank()) {
            throw new IllegalArgumentException("jvm and os must be named");
        }
        if (maxHeapBytes < 1) {
            throw new IllegalArgumentException("maxHeapBytes must be positive, got " + maxHeapBytes);
        }
    }

    /** The machine this JVM runs on. */
    public static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One line for the console. */
    public String describe() {
        String load = loadAverage < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", loadAverage);
        return String.format(Locale.ROOT, "%d cores, %s, %s, max heap %d MiB, load average %s at start", cores, jvm, os,
                maxHeapBytes >> 20, load);
    }

    /** The fields as an ordered map, for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", cores);
        map.put("jvm", jvm);
        map.put("os", os);
        map.put("maxHeapBytes", maxHeapBytes);
        map.put("loadAverageAtStart", loadAverage);
        return map;
    }
}
