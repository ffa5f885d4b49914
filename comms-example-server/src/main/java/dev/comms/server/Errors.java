package dev.comms.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every failure as JSON, in the shape of the API whose path it was sent to: the unified API's
 * {@code {success:false, error, code, message}}, the communications service's {@code {"detail": ...}},
 * and {@code {error:{code, message}}} for the others (the CRM connector's documented shape).
 */
final class Errors {
    static final String UNIFIED = "/team-connect/";
    static final String SERVICE = "/api/v1/comms/";

    private Errors() {
    }

    static Map<String, Object> body(String path, int status, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (path != null && path.startsWith(UNIFIED)) {
            m.put("success", false);
            m.put("error", title(status));
            m.put("code", code);
            m.put("message", message);
            m.put("timestamp", Instant.now().toString());
        } else if (path != null && path.startsWith(SERVICE)) {
            m.put("detail", message);
        } else {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("code", code);
            e.put("message", message);
            m.put("error", e);
        }
        return m;
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment required";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 501 -> "Not implemented";
            case 502 -> "Provider error";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "Error";
        };
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "INVALID_REQUEST";
            case 401 -> "INVALID_API_KEY";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "REQUEST_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "INVALID_REQUEST";
        };
    }
}
