package io.rollstream.policy.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs in-place writes to weights with PyTorch's autograd recording off. Recording is per thread and on by
 * default, and PyTorch refuses an in-place write to a weight that requires a gradient while it records; optimiser
 * steps and weight copies are not part of any graph, so they run here.
 */
public final class Autograd {

    private Autograd() {
    }

    /** Runs {@code work} with recording off on this thread, then restores the thread's previous mode. */
    public static void withoutRecording(Runnable work) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            work.run();
        } finally {
            JniUtils.setGradMode(recording);
        }
    }
}
