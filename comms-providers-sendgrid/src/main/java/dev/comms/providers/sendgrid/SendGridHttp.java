package dev.comms.providers.sendgrid;

import dev.comms.spi.LastExchange;
import java.io.IOException;
import java.time.Duration;
import org.apache.http.HttpClientConnection;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpRequestExecutor;

/**
 * SendGrid's HTTP layer: Apache HttpClient 4 (the SDK's own client library), because the SDK's default
 * client has no timeouts at all. No automatic retries, no redirects, a pool of
 * {@code comms.sendgrid.max-connections}, connect and read timeouts from the settings, each capped by
 * the attempt's own timeout (a request interceptor puts the attempt's config on the exchange's
 * context, which the SDK's requests do not carry themselves), and what reached the wire kept in a
 * per-client {@link LastExchange}: the request executor marks the request written when it starts
 * sending it on a leased, connected connection, so a failure before that (no pooled connection in
 * time, a refused connection, a connect timeout) is known to have sent nothing. Status and headers
 * need no recording: the SDK's {@code Response} carries them.
 */
final class SendGridHttp implements AutoCloseable {
    private final LastExchange exchange = new LastExchange();
    private final ThreadLocal<RequestConfig> attempt = new ThreadLocal<>();
    private final Duration connect;
    private final CloseableHttpClient client;
    private final int maxConnections;

    SendGridHttp(Duration connectTimeout, Duration readTimeout, int maxConnections) {
        this.connect = connectTimeout;
        this.maxConnections = maxConnections;
        this.client = HttpClientBuilder.create().disableAutomaticRetries().disableRedirectHandling()
                .setDefaultRequestConfig(config(connectTimeout, readTimeout))
                // runs in the protocol stage, before the main stage reads the config to lease and connect
                .addInterceptorFirst((HttpRequestInterceptor) (request, context) -> {
                    RequestConfig c = attempt.get();
                    if (c != null) {
                        HttpClientContext.adapt(context).setRequestConfig(c);
                    }
                })
                .setRequestExecutor(new HttpRequestExecutor() {
                    @Override
                    protected HttpResponse doSendRequest(HttpRequest request, HttpClientConnection conn, HttpContext context)
                            throws IOException, HttpException {
                        exchange.written();
                        return super.doSendRequest(request, conn, context);
                    }
                })
                .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections).build();
    }

    private static RequestConfig config(Duration connect, Duration read) {
        int c = millis(connect);
        return RequestConfig.custom().setConnectTimeout(c).setConnectionRequestTimeout(c).setSocketTimeout(millis(read)).build();
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /** @return the pool's size */
    int maxConnections() {
        return maxConnections;
    }

    /**
     * @return the client to hand to the SDK's {@code Client}
     */
    CloseableHttpClient client() {
        return client;
    }

    /**
     * Starts an SDK call on this thread: forgets the previous exchange and caps the timeouts.
     *
     * @param attemptTimeout the attempt's timeout ({@link dev.comms.spi.HttpProviders#attemptTimeout}), or null for
     *     the configured ones (a lookup)
     */
    void begin(Duration attemptTimeout) {
        exchange.begin();
        if (attemptTimeout == null) {
            attempt.remove();
        } else {
            attempt.set(config(connect.compareTo(attemptTimeout) < 0 ? connect : attemptTimeout, attemptTimeout));
        }
    }

    /** @return what this thread's current SDK call put on the wire */
    LastExchange.Exchange exchange() {
        return exchange.get();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // idle connections only
        }
    }
}
