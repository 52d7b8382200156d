package io.rollstream.grader.topology;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An attempt that reached the grader before its episode's prompt (the two topics are read independently), kept
 * as the bytes it came in with until the prompt opens the episode, or dead-lettered when none comes. An
 * episode's held attempts are stored together, in order, as one value.
 *
 * @param partition partition of {@code rl-attempts-v1} it was read from
 * @param offset    its offset there
 * @param dueMillis when it is dead-lettered if its prompt has not arrived
 * @param value     the record value as read
 */
record PendingAttempt(int partition, long offset, long dueMillis, byte[] value) {

    private static final int HEADER = Integer.BYTES + Long.BYTES + Long.BYTES;

    PendingAttempt {
        Objects.requireNonNull(value, "value");
    }

    byte[] encode() {
        return ByteBuffer.allocate(HEADER + value.length).putInt(partition).putLong(offset).putLong(dueMillis)
                .put(value).array();
    }

    static PendingAttempt decode(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new IllegalArgumentException("pending attempt of " + bytes.length + " bytes, shorter than its header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int partition = buffer.getInt();
        long offset = buffer.getLong();
        long due = buffer.getLong();
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new PendingAttempt(partition, offset, due, value);
    }

    /** The held attempts of one episode as one store value: a count, then each as its length and bytes. */
    static byte[] encodeAll(List<PendingAttempt> held) {
        List<byte[]> parts = held.stream().map(PendingAttempt::encode).toList();
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES * (1 + parts.size())
                + parts.stream().mapToInt(p -> p.length).sum());
        buffer.putInt(parts.size());
        for (byte[] part : parts) {
            buffer.putInt(part.length).put(part);
        }
        return buffer.array();
    }

    static List<PendingAttempt> decodeAll(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int count = buffer.getInt();
        List<PendingAttempt> held = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] part = new byte[buffer.getInt()];
            buffer.get(part);
            held.add(decode(part));
        }
        return held;
    }
}
