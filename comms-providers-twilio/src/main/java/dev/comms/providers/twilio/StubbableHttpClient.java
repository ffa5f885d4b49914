package dev.comms.providers.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP layer, replaced so that the facade's retry policy is the only one:
 * <ul>
 * <li>exactly one HTTP request per SDK call: {@code reliableRequest} (which retries any 5xx three
 * times, POSTs included) is overridden to a single attempt, and Apache HttpClient's own retry
 * strategy (429/503, honouring Retry-After) is disabled;</li>
 * <li>our connect and read timeouts (the SDK's makeRequest would overwrite them with its defaults);</li>
 * <li>requests are sent to a base URL when one is configured (a local stub, a regional edge);</li>
 * <li>the HTTP status, the Retry-After header and any I/O failure of the last exchange on this thread
 * are kept, because {@code ApiException} loses them (its status is the JSON body's field).</li>
 * </ul>
 */
final class StubbableHttpClient extends HttpClient implements AutoCloseable {
    /** What the last exchange on a thread was. */
    record Exchange(int status, String retryAfter, IOException failure) {
    }

    private static final ThreadLocal<Exchange> LAST = new ThreadLocal<>();

    private final URI base;
    private final String basePath;
    private final CloseableHttpClient http;
    private final String userAgent;

    StubbableHttpClient(URI base, Duration connectTimeout, Duration readTimeout, String userAgent) {
        this.base = base;
        this.basePath = base == null || base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        this.userAgent = userAgent;
        this.http = HttpClients.custom()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        .setMaxConnTotal(64).setMaxConnPerRoute(64)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                .build();
    }

    static Exchange last() {
        return LAST.get();
    }

    static void clear() {
        LAST.remove();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpUriRequestBase req = new HttpUriRequestBase(request.getMethod().toString(), target(request.constructURL()));
        if (request.requiresAuthentication()) {
            req.addHeader("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> e : request.getHeaderParams().entrySet()) {
            for (String v : e.getValue()) {
                req.addHeader(e.getKey(), v);
            }
        }
        req.addHeader("User-Agent", userAgent);
        if (request.getMethod() != HttpMethod.GET) {
            if (request.getContentType() != null && EnumConstants.ContentType.JSON.getValue().equals(request.getContentType().getValue())) {
                req.setEntity(new StringEntity(request.getBody(), ContentType.APPLICATION_JSON));
            } else {
                List<NameValuePair> form = new ArrayList<>();
                for (Map.Entry<String, List<String>> e : request.getPostParams().entrySet()) {
                    for (String v : e.getValue()) {
                        form.add(new BasicNameValuePair(e.getKey(), v));
                    }
                }
                req.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
            }
        }
        try {
            return http.execute(req, response -> {
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                Header retryAfter = response.getFirstHeader("Retry-After");
                LAST.set(new Exchange(response.getCode(), retryAfter == null ? null : retryAfter.getValue(), null));
                return new Response(body, response.getCode(), response.getHeaders());
            });
        } catch (IOException e) {
            LAST.set(new Exchange(0, null, e));
            throw new ApiException("Twilio request failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private URI target(URL sdkUrl) {
        try {
            URI u = sdkUrl.toURI();
            if (base == null) {
                return u;
            }
            String path = basePath + u.getRawPath();
            return new URI(base.getScheme() + "://" + base.getRawAuthority() + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        } catch (java.net.URISyntaxException e) {
            throw new ApiException("Bad URL: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // closing idle connections only
        }
    }
}
