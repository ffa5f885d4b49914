package dev.comms.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over {@code comms.server.max-request-bytes} with a JSON 413, whether the
 * client declared the length or streamed the body in chunks: the body is read up to one byte past the
 * limit and handed on from memory.
 */
final class RequestSizeLimit extends OncePerRequestFilter {
    /**
     * The request attribute holding the body as read: controllers take it from here, whatever the
     * Content-Type (a curl without {@code -H 'Content-Type: application/json'} sends a form type, whose
     * body the servlet API would otherwise turn into parameters).
     */
    static final String BODY = "dev.comms.server.body";

    private final int max;
    private final JsonMapper json;

    RequestSizeLimit(int max, JsonMapper json) {
        this.max = max;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        byte[] body = null;
        if (declared <= max) {
            body = request.getInputStream().readNBytes(max + 1);
        }
        if (declared > max || body.length > max) {
            response.setStatus(413);
            response.setContentType("application/json");
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), Errors.body(request.getRequestURI(), 413, "REQUEST_TOO_LARGE",
                    "the request body is over " + max + " bytes"));
            return;
        }
        byte[] bytes = body;
        request.setAttribute(BODY, bytes);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                ByteArrayInputStream in = new ByteArrayInputStream(bytes);
                return new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return in.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("blocking reads only");
                    }
                };
            }

            @Override
            public int getContentLength() {
                return bytes.length;
            }

            @Override
            public long getContentLengthLong() {
                return bytes.length;
            }
        }, response);
    }
}
