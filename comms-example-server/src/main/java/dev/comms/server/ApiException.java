package dev.comms.server;

/** A refused request: the HTTP status, a stable code and a sentence; each API renders it in its own shape. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status the HTTP status
     * @param code the error code, such as {@code INVALID_REQUEST}
     * @param message what was wrong and how to fix it
     */
    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    static ApiException notImplemented(String message) {
        return new ApiException(501, "NOT_IMPLEMENTED", message);
    }
}
