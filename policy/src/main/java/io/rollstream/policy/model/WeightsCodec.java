package io.rollstream.policy.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.rollstream.policy.weights.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The single-file weights format: a magic string, a format version, the model config as JSON, then DJL's
 * parameter encoding. The config travels inside the file so a file alone rebuilds its model. Writes go to a
 * temporary sibling and are moved into place, so readers never see a half-written file.
 */
final class WeightsCodec {

    private static final String MAGIC = "ROLLSTREAM-POLICY";
    private static final int FORMAT_VERSION = 1;

    private WeightsCodec() {}

    static WeightsFile write(Path file, ModelConfig config, Block block) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        MessageDigest digest = Sha256.newDigest();
        try {
            try (OutputStream raw = Files.newOutputStream(temporary);
                    DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(raw), digest);
                    DataOutputStream out = new DataOutputStream(digesting)) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT_VERSION);
                out.writeUTF(config.toJson());
                block.saveParameters(out);
            }
            long size = Files.size(temporary);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new WeightsFile(absolute, HexFormat.of().formatHex(digest.digest()), size);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads only the header: the config the file was written for. */
    static ModelConfig readConfig(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return readHeader(in, file);
        }
    }

    /**
     * Loads the parameters into {@code block} and returns the sha256 of the whole file, read in the same pass.
     */
    static String readParameters(Path file, Block block, NDManager manager) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream raw = Files.newInputStream(file);
                DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(raw), digest);
                DataInputStream in = new DataInputStream(digesting)) {
            readHeader(in, file);
            block.loadParameters(manager, in);
            // Trailing bytes would be corruption; reading them keeps them in the digest so it cannot match.
            while (in.read() >= 0) {
                // drain
            }
        } catch (MalformedModelException e) {
            throw new IOException("malformed weights file " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static ModelConfig readHeader(DataInputStream in, Path file) throws IOException {
        String magic = in.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a policy weights file: " + file);
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported weights format " + version + " in " + file);
        }
        return ModelConfig.fromJson(in.readUTF());
    }
}
