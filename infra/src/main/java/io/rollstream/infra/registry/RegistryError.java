package io.rollstream.infra.registry;

import java.util.List;

/** A request the registry refuses, with Confluent's HTTP status, error code and message. */
final class RegistryError extends RuntimeException {

    private final int status;
    private final int errorCode;

    RegistryError(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(int version) {
        return new RegistryError(404, 40402, "Version " + version + " not found.");
    }

    static RegistryError schemaNotFound(String what) {
        return new RegistryError(404, 40403, what);
    }

    static RegistryError subjectLevelNotConfigured(String subject) {
        return new RegistryError(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryError incompatible(String subject, List<String> reasons) {
        return new RegistryError(409, 40901, "Schema being registered is incompatible with an earlier schema for"
                + " subject \"" + subject + "\", details: " + reasons);
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel() {
        return new RegistryError(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward,"
                + " full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryError badRequest(String detail) {
        return new RegistryError(400, 400, detail);
    }

    static RegistryError storeError(String detail) {
        return new RegistryError(500, 50001, "Error in the backend data store - " + detail);
    }

    static RegistryError storeTimeout(String detail) {
        return new RegistryError(500, 50002, "Operation timed out - " + detail);
    }
}
