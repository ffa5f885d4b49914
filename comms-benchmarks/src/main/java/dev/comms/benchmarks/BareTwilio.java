package dev.comms.benchmarks;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The bare Twilio SDK aimed at a stub: its own {@link NetworkHttpClient} on Apache HttpClient 5 with
 * the module's HTTP settings (no automatic retries, one attempt per call, 5 s connect, 10 s read, a
 * pool of the given size), each request copied onto the stub's base URL. What an application that
 * calls Twilio directly would run.
 */
final class BareTwilio {
    private BareTwilio() {
    }

    static TwilioRestClient client(String base, int maxConnections) {
        Timeout connect = Timeout.ofSeconds(5);
        Timeout read = Timeout.ofSeconds(10);
        HttpClientBuilder builder = HttpClientBuilder.create().disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                        .setMaxConnPerRoute(maxConnections).setMaxConnTotal(maxConnections).build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read).build());
        NetworkHttpClient http = new NetworkHttpClient(builder) {
            @Override
            public Response reliableRequest(Request request) {
                return makeRequest(request);
            }

            @Override
            public Response makeRequest(Request r) {
                URI sdk = URI.create(r.getUrl());
                Request copy = new Request(r.getMethod(), base + sdk.getRawPath());
                copy(r.getPostParams(), copy::addPostParam);
                copy(r.getHeaderParams(), copy::addHeaderParam);
                copy.setContentType(r.getContentType());
                copy.setAuth(r.getUsername(), r.getPassword());
                return super.makeRequest(copy);
            }
        };
        return new TwilioRestClient.Builder(TwilioStubServer.SID, TwilioStubServer.TOKEN).httpClient(http).build();
    }

    private interface Adder {
        void add(String name, String value);
    }

    private static void copy(Map<String, List<String>> params, Adder adder) {
        params.forEach((k, vs) -> vs.forEach(v -> adder.add(k, v)));
    }
}
