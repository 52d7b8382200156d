package io.rollstream.policy.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.rollstream.policy.weights.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One safetensors file: an 8-byte little-endian header length, a JSON header mapping each tensor name to its
 * dtype, shape and byte range, then the raw little-endian data. Opening validates every entry (known dtype,
 * byte count matching the shape, range inside the file), so a truncated or corrupt file fails naming the file
 * and the tensor before anything is read. F32, F16 and BF16 are read; this module writes F32.
 */
public final class SafetensorsFile implements TensorSource {

    private static final long MAX_HEADER = 100L << 20;

    private record Entry(String dtype, long[] shape, long begin, long end) {}

    private final Path file;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
        this.file = file;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Reads and validates the header of {@code file}. */
    public static SafetensorsFile open(Path file) throws CheckpointException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new CheckpointException(file, null, "truncated: " + size + " bytes, no header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new CheckpointException(file, null, "header length " + headerLength
                        + " does not fit the file of " + size + " bytes: truncated or not safetensors");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            channel.read(header, 8);
            JsonObject json;
            try {
                json = JsonParser.parseString(new String(header.array(), StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new CheckpointException(file, null, "header is not a JSON object", e);
            }
            long dataStart = 8 + headerLength;
            Map<String, Entry> entries = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> item : json.entrySet()) {
                String name = item.getKey();
                if (name.equals("__metadata__")) {
                    item.getValue().getAsJsonObject().entrySet()
                            .forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                    continue;
                }
                entries.put(name, entry(file, name, item.getValue(), size - dataStart));
            }
            return new SafetensorsFile(file, dataStart, entries, metadata);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, null, "no such file", e);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(file, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Entry entry(Path file, String name, JsonElement value, long dataBytes) throws CheckpointException {
        try {
            JsonObject o = value.getAsJsonObject();
            String dtype = o.get("dtype").getAsString();
            int width = dtypeWidth(dtype);
            if (width == 0) {
                throw new CheckpointException(file, name, "unsupported dtype " + dtype + "; supported: F32, F16, BF16");
            }
            JsonArray dims = o.getAsJsonArray("shape");
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i).getAsLong();
            }
            JsonArray offsets = o.getAsJsonArray("data_offsets");
            long begin = offsets.get(0).getAsLong();
            long end = offsets.get(1).getAsLong();
            long elements = Tensor.elements(shape);
            if (elements > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(file, name, "too large for one fp32 array: " + elements + " values");
            }
            if (begin < 0 || end < begin || end - begin != elements * width) {
                throw new CheckpointException(file, name, "byte range [" + begin + ", " + end + ") does not hold "
                        + Arrays.toString(shape) + " " + dtype + " values");
            }
            if (end > dataBytes) {
                throw new CheckpointException(file, name, "data ends at byte " + end + " but the file holds only "
                        + dataBytes + " data bytes: the file is truncated");
            }
            return new Entry(dtype, shape, begin, end);
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CheckpointException(file, name, "malformed header entry: " + value, e);
        }
    }

    private static int dtypeWidth(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
    }

    /** The {@code __metadata__} strings of the header. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    @Override
    public long[] shape(String name) throws CheckpointException {
        return entry(name).shape().clone();
    }

    @Override
    public Tensor read(String name) throws CheckpointException {
        Entry entry = entry(name);
        float[] values = new float[(int) Tensor.elements(entry.shape())];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(),
                    entry.end() - entry.begin()).order(ByteOrder.LITTLE_ENDIAN);
            GgmlType type = switch (entry.dtype()) {
                case "F16" -> GgmlType.F16;
                case "BF16" -> GgmlType.BF16;
                default -> GgmlType.F32;
            };
            type.dequantize(data, values);
        } catch (IOException e) {
            throw new CheckpointException(file, name, "cannot read tensor data: " + e.getMessage(), e);
        }
        return new Tensor(entry.shape().clone(), values);
    }

    @Override
    public Path fileOf(String name) {
        return file;
    }

    private Entry entry(String name) throws CheckpointException {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new CheckpointException(file, name, "no such tensor");
        }
        return entry;
    }

    /**
     * Writes {@code tensors} as F32 in the given order, with optional string {@code metadata}, to a temporary
     * sibling moved into place, and returns the sha256 (lowercase hex) of the bytes written.
     */
    public static String write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long d : entry.getValue().shape()) {
                shape.add(d);
            }
            o.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * entry.getValue().values().length;
            offsets.add(offset);
            o.add("data_offsets", offsets);
            header.add(entry.getKey(), o);
        }
        StringBuilder text = new StringBuilder(header.toString());
        while ((text.length() + 8) % 8 != 0) {
            text.append(' '); // the format pads the header with spaces so the data is 8-byte aligned
        }
        byte[] headerBytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        MessageDigest digest = Sha256.newDigest();
        try {
            try (OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20), digest)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
                out.write(headerBytes);
                ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (Tensor tensor : tensors.values()) {
                    for (float v : tensor.values()) {
                        if (!chunk.hasRemaining()) {
                            out.write(chunk.array(), 0, chunk.position());
                            chunk.clear();
                        }
                        chunk.putFloat(v);
                    }
                }
                out.write(chunk.array(), 0, chunk.position());
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
