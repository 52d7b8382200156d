package io.rollstream.policy.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWeightsStoreTest {

    @TempDir
    Path directory;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void shouldStoreUnderTheSha256AndGiveBackTheSameBytes() throws IOException {
        LocalWeightsStore store = new LocalWeightsStore(directory.resolve("store"));
        Path source = file("weights.bin", "pretend weights");
        Stored stored = store.put(source);
        assertEquals(Sha256.ofFile(source), stored.sha256());
        assertEquals(Files.size(source), stored.sizeBytes());
        Path fetched = store.get(stored.sha256());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(fetched));
        assertTrue(store.verify(fetched, stored.sha256()));
        assertEquals(stored, store.put(source));
        try (Stream<Path> leftovers = Files.list(store.root())) {
            assertEquals(1, leftovers.count(), "only the shard directory, no temporary files");
        }
    }

    @Test
    void shouldRejectAStoredFileWhoseBytesChanged() throws IOException {
        LocalWeightsStore store = new LocalWeightsStore(directory.resolve("store"));
        Stored stored = store.put(file("weights.bin", "original bytes"));
        Files.writeString(store.pathOf(stored.sha256()), "tampered bytes", StandardCharsets.UTF_8);
        assertFalse(store.verify(store.pathOf(stored.sha256()), stored.sha256()));
        assertThrows(WeightsCorruptedException.class, () -> store.get(stored.sha256()));
    }

    @Test
    void shouldRepairACorruptedEntryWhenTheSameBytesArePutAgain() throws IOException {
        LocalWeightsStore store = new LocalWeightsStore(directory.resolve("store"));
        Path source = file("weights.bin", "original bytes");
        Stored stored = store.put(source);
        Files.writeString(store.pathOf(stored.sha256()), "tampered", StandardCharsets.UTF_8);
        store.put(source);
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(store.get(stored.sha256())));
    }

    @Test
    void shouldReportMissingAndMalformedAddresses() {
        LocalWeightsStore store = new LocalWeightsStore(directory.resolve("store"));
        assertThrows(NoSuchFileException.class, () -> store.get("a".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> store.get("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.get("A".repeat(64)));
    }

    @Test
    void shouldMatchAKnownDigest() throws IOException {
        // echo -n abc | sha256sum
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.ofFile(file("abc.txt", "abc")));
    }
}
