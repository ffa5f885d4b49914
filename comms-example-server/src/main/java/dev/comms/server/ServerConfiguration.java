package dev.comms.server;

import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.billing.Credits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** API keys (hashed), the request size limit, and the sandbox's demo account. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConfiguration.class);
    static final String DEMO_KEY = "tc_test_demo";
    static final String DEMO_ACCOUNT = "demo";
    static final String DEMO_SUB_ACCOUNT = "demo-sub@example.com";

    /**
     * Keys from {@code comms.server.api-keys}, hashed as they are loaded; on the sandbox with none
     * configured, the documented demo key.
     */
    @Bean
    ApiKeys apiKeys(ServerProperties properties, Comms comms) {
        ApiKeys keys = new ApiKeys();
        properties.getApiKeys().forEach(keys::add);
        if (keys.isEmpty() && comms.mode() == Mode.TEST) {
            keys.add(DEMO_KEY, DEMO_ACCOUNT);
        } else if (keys.isEmpty()) {
            LOG.warn("Comms server is live with no API keys (comms.server.api-keys): every keyed endpoint answers 401");
        }
        LOG.info("Comms server: {} API key(s) loaded (kept hashed)", keys.size());
        return keys;
    }

    /** The sandbox's demo account: test credits and one sub-account, said at start-up. */
    @Bean
    ApplicationRunner demoAccount(ServerProperties properties, Comms comms, ObjectProvider<Credits> credits) {
        return args -> {
            if (!properties.getApiKeys().isEmpty() || comms.mode() != Mode.TEST) {
                return;
            }
            Credits c = credits.getIfAvailable();
            if (c != null) {
                c.grant(DEMO_ACCOUNT, Mode.TEST, Money.ofPounds(10), "demo-test-credits");
                c.fundSubAccount(DEMO_ACCOUNT, DEMO_SUB_ACCOUNT, Mode.TEST, Money.ofPounds(1), "demo-sub-account");
            }
            LOG.info("Comms server on the SANDBOX with no API keys configured: the demo key {} sends for account '{}' in test mode "
                    + "(£10 of test credits on first start, sub-account {}); configure comms.server.api-keys to replace it",
                    DEMO_KEY, DEMO_ACCOUNT, DEMO_SUB_ACCOUNT);
        };
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(ServerProperties properties, JsonMapper json) {
        FilterRegistrationBean<RequestSizeLimit> r = new FilterRegistrationBean<>(new RequestSizeLimit(properties.getMaxRequestBytes(), json));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }
}
