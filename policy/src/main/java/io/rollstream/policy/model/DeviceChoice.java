package io.rollstream.policy.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.Locale;

/** Which device a model runs on, as configured: {@link #AUTO} takes the GPU when DJL sees one. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    /** The concrete device; {@link #GPU} fails when the engine sees no GPU rather than silently using CPU. */
    public Device resolve() {
        int gpus = Engine.getInstance().getGpuCount();
        if (this == CPU || (this == AUTO && gpus == 0)) {
            return Device.cpu();
        }
        if (gpus == 0) {
            throw new IllegalStateException("device GPU requested but the PyTorch engine sees no GPU");
        }
        return Device.gpu();
    }

    /** Parses a case-insensitive name; unknown names fail listing the options. */
    public static DeviceChoice parse(String name) {
        for (DeviceChoice choice : values()) {
            if (choice.name().equals(name.toUpperCase(Locale.ROOT))) {
                return choice;
            }
        }
        throw new IllegalArgumentException(
                "unknown device '" + name + "'; expected one of " + Arrays.toString(values()));
    }
}
