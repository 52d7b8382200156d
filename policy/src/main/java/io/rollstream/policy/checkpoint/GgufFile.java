package io.rollstream.policy.checkpoint;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GGUF file (llama.cpp's format, versions 2 and 3): typed metadata and a table of tensors whose data follows
 * the header at an aligned offset. Opening validates the whole table (known types, whole blocks, every tensor's
 * bytes inside the file), so a truncated file or an unknown quantisation fails before any tensor is read.
 * Metadata values are {@code Long} (all integer types), {@code Double} (floats), {@code Boolean}, {@code String}
 * or {@code List} of those.
 */
public final class GgufFile implements TensorSource {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int DEFAULT_ALIGNMENT = 32;

    private final Path file;
    private final Map<String, Object> metadata;
    private final Map<String, TensorInfo> tensors;
    private final long dataStart;

    /** One entry of the tensor table; {@code dims} in ggml order (fastest-varying first). */
    private record TensorInfo(String name, long[] dims, GgmlType type, long offset, long bytes) {}

    private GgufFile(Path file, Map<String, Object> metadata, Map<String, TensorInfo> tensors, long dataStart) {
        this.file = file;
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataStart = dataStart;
    }

    /** Reads and validates the header of {@code file}. */
    public static GgufFile open(Path file) throws CheckpointException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            return parse(file, mapped, size);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, null, "no such file", e);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(file, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private static GgufFile parse(Path file, ByteBuffer in, long size) throws CheckpointException {
        String key = "header";
        try {
            if (in.getInt() != MAGIC) {
                throw new CheckpointException(file, null, "not a GGUF file (bad magic)");
            }
            int version = in.getInt();
            if (version != 2 && version != 3) {
                throw new CheckpointException(file, "version", "unsupported GGUF version " + version);
            }
            long tensorCount = in.getLong();
            long kvCount = in.getLong();
            if (tensorCount < 0 || kvCount < 0 || tensorCount > 1_000_000 || kvCount > 1_000_000) {
                throw new CheckpointException(file, "header", "implausible counts: "
                        + tensorCount + " tensors, " + kvCount + " metadata keys");
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                key = "metadata entry " + i;
                key = readString(in, file, key);
                int type = in.getInt();
                metadata.put(key, readValue(in, type, file, key));
            }
            List<String> names = new ArrayList<>();
            List<long[]> dims = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (long i = 0; i < tensorCount; i++) {
                key = "tensor entry " + i;
                key = readString(in, file, key);
                int rank = in.getInt();
                if (rank < 1 || rank > 4) {
                    throw new CheckpointException(file, key, "tensor rank " + rank + " outside 1..4");
                }
                long[] d = new long[rank];
                for (int r = 0; r < rank; r++) {
                    d[r] = in.getLong();
                }
                names.add(key);
                dims.add(d);
                types.add(in.getInt());
                offsets.add(in.getLong());
            }
            long alignment = metadata.get("general.alignment") instanceof Long a ? a : DEFAULT_ALIGNMENT;
            if (alignment <= 0) {
                throw new CheckpointException(file, "general.alignment", "must be positive, got " + alignment);
            }
            long dataStart = (in.position() + alignment - 1) / alignment * alignment;
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                TensorInfo info = validate(file, names.get(i), dims.get(i), types.get(i), offsets.get(i),
                        dataStart, size);
                if (tensors.put(info.name(), info) != null) {
                    throw new CheckpointException(file, info.name(), "tensor appears twice");
                }
            }
            return new GgufFile(file, Collections.unmodifiableMap(metadata), tensors, dataStart);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new CheckpointException(file, key, "file is truncated inside its header", e);
        }
    }

    private static TensorInfo validate(Path file, String name, long[] dims, int typeId, long offset,
            long dataStart, long size) throws CheckpointException {
        GgmlType type = GgmlType.byId(typeId);
        if (type == null) {
            throw new CheckpointException(file, name, "unknown or unsupported ggml quantisation type " + typeId
                    + "; supported: " + GgmlType.supported());
        }
        long elements;
        try {
            elements = Tensor.elements(dims);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointException(file, name, "invalid dimensions", e);
        }
        if (dims[0] % type.blockValues() != 0) {
            throw new CheckpointException(file, name, "row length " + dims[0] + " is not a multiple of the "
                    + type + " block size " + type.blockValues());
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file, name, "too large for one fp32 array: " + elements + " values");
        }
        long bytes = type.byteSize(elements);
        if (offset < 0 || dataStart + offset + bytes > size) {
            throw new CheckpointException(file, name, "data [" + (dataStart + offset) + ", "
                    + (dataStart + offset + bytes) + ") lies beyond the end of the file (" + size
                    + " bytes): the file is truncated");
        }
        return new TensorInfo(name, dims, type, offset, bytes);
    }

    private static String readString(ByteBuffer in, Path file, String key) throws CheckpointException {
        long length = in.getLong();
        if (length < 0 || length > in.remaining()) {
            throw new CheckpointException(file, key, "string length " + length + " runs past the end of the file");
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Object readValue(ByteBuffer in, int type, Path file, String key) throws CheckpointException {
        return switch (type) {
            case 0 -> (long) (in.get() & 0xFF);
            case 1 -> (long) in.get();
            case 2 -> (long) (in.getShort() & 0xFFFF);
            case 3 -> (long) in.getShort();
            case 4 -> in.getInt() & 0xFFFFFFFFL;
            case 5 -> (long) in.getInt();
            case 6 -> (double) in.getFloat();
            case 7 -> in.get() != 0;
            case 8 -> readString(in, file, key);
            case 9 -> readArray(in, file, key);
            case 10, 11 -> in.getLong();
            case 12 -> in.getDouble();
            default -> throw new CheckpointException(file, key, "unknown metadata value type " + type);
        };
    }

    private static List<Object> readArray(ByteBuffer in, Path file, String key) throws CheckpointException {
        int elementType = in.getInt();
        long count = in.getLong();
        if (count < 0 || count > in.remaining()) {
            throw new CheckpointException(file, key, "array length " + count + " runs past the end of the file");
        }
        List<Object> values = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            values.add(readValue(in, elementType, file, key));
        }
        return Collections.unmodifiableList(values);
    }

    /** The path this was read from. */
    public Path file() {
        return file;
    }

    /** All metadata, in file order. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The ggml type of a tensor. */
    public GgmlType type(String name) throws CheckpointException {
        return info(name).type();
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public long[] shape(String name) throws CheckpointException {
        long[] dims = info(name).dims();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[dims.length - 1 - i]; // ggml lists the fastest-varying dimension first
        }
        return shape;
    }

    @Override
    public Tensor read(String name) throws CheckpointException {
        TensorInfo info = info(name);
        float[] values = new float[(int) Tensor.elements(info.dims())];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.offset(), info.bytes());
            data.order(ByteOrder.LITTLE_ENDIAN);
            info.type().dequantize(data, values);
        } catch (IOException e) {
            throw new CheckpointException(file, name, "cannot read tensor data: " + e.getMessage(), e);
        }
        return new Tensor(shape(name), values);
    }

    @Override
    public Path fileOf(String name) {
        return file;
    }

    private TensorInfo info(String name) throws CheckpointException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new CheckpointException(file, name, "no such tensor");
        }
        return info;
    }
}
