package dev.comms.server;

import dev.comms.CommsException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every failure into JSON with a 4xx or 5xx and no stack trace: refused requests
 * ({@link ApiException}), the library's errors ({@link CommsException}, its status as is), Spring's
 * own (unknown path, wrong method, missing header) and, for anything else, a 500 that says only
 * "internal error" while the log gets the trace.
 */
@RestControllerAdvice
class ErrorHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e, HttpServletRequest request) {
        return respond(request.getRequestURI(), e.status(), e.code(), e.getMessage());
    }

    /** A send over its account's limits (comms.limits.*): 429 with the exact wait as Retry-After, in whole seconds. */
    @ExceptionHandler(dev.comms.RateLimitedException.class)
    ResponseEntity<Map<String, Object>> limited(dev.comms.RateLimitedException e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status());
        e.retryAfter().ifPresent(d -> b.header("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        return b.body(Errors.body(request.getRequestURI(), e.status(), e.code().name(), e.getMessage()));
    }

    @ExceptionHandler(CommsException.class)
    ResponseEntity<Map<String, Object>> comms(CommsException e, HttpServletRequest request) {
        return respond(request.getRequestURI(), e.status(), e.code().name(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException e, HttpServletRequest request) {
        return respond(request.getRequestURI(), 400, "INVALID_REQUEST", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse r) {
            int status = r.getStatusCode().value();
            return respond(request.getRequestURI(), status, Errors.code(status), r.getBody().getDetail() == null
                    ? Errors.title(status) : r.getBody().getDetail());
        }
        LOG.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return respond(request.getRequestURI(), 500, "INTERNAL_ERROR", "internal error: nothing was sent; the server log has the details");
    }

    static ResponseEntity<Map<String, Object>> respond(String path, int status, String code, String message) {
        return ResponseEntity.status(status).body(Errors.body(path, status, code, message));
    }

    /** What the servlet container itself refuses (before any controller) comes here: JSON as well. */
    @RestController
    static class JsonErrorController implements ErrorController {
        @RequestMapping("/error")
        ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
            Object s = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int status = s instanceof Integer i ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            String path = uri == null ? "" : uri.toString();
            return respond(path, status, Errors.code(status), status == 404 ? "no endpoint at " + path : Errors.title(status));
        }
    }
}
