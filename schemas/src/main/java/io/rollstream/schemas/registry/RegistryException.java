package io.rollstream.schemas.registry;

/**
 * A schema registry refused a request or could not be reached; carries the HTTP status and the
 * registry's {@code error_code} so callers can tell "not found" from "incompatible" from "down".
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** HTTP status used when no HTTP answer was received (connection refused, timeout, interrupt). */
    public static final int NO_RESPONSE = 0;

    /** Error code: the subject does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Error code: the subject has no such version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Error code: no schema with that id, or the schema is not registered under the subject. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Error code: the subject has no subject-level compatibility configured. */
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /**
     * Error code: the schema is incompatible with an earlier one under the subject, sent with HTTP 409.
     * Some Confluent server versions send {@code error_code} 409 instead; clients key on the HTTP status.
     */
    public static final int INCOMPATIBLE_SCHEMA = 40901;
    /** Error code: the schema text is not a valid schema. */
    public static final int INVALID_SCHEMA = 42201;
    /** Error code: the version is neither a positive number nor {@code latest}. */
    public static final int INVALID_VERSION = 42202;
    /** Error code: the compatibility level is not one of the known names. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    /** Error code: the registry's backing store failed. */
    public static final int STORE_ERROR = 50001;

    private final int httpStatus;
    private final int errorCode;

    public RegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the answer, or {@link #NO_RESPONSE} when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40403), or the HTTP status when the body carried none. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether the registry answered that the subject, version or schema does not exist. */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, int version) {
        return new RegistryException(404, VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(String message) {
        return new RegistryException(404, SCHEMA_NOT_FOUND, message);
    }
}
