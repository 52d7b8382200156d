package io.rollstream.schemas.serde;

/**
 * How the Avro serializer finds the schema id it writes: register the record's schema (development,
 * tests) or use the subject's latest version registered by a deployment step (production).
 *
 * @param autoRegister     register the record's schema under the subject on first use
 * @param useLatestVersion write with the subject's latest version; the record's schema must be readable by it
 */
public record SerdeOptions(boolean autoRegister, boolean useLatestVersion) {

    public SerdeOptions {
        if (autoRegister && useLatestVersion) {
            throw new IllegalArgumentException("autoRegister and useLatestVersion exclude each other: "
                    + "registering the record's schema makes it the latest version, so choose one");
        }
    }

    /** Auto-register, do not use the latest version: Confluent's serializer defaults. */
    public static SerdeOptions defaults() {
        return new SerdeOptions(true, false);
    }
}
