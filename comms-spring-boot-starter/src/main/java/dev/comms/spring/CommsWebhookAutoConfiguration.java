package dev.comms.spring;

import dev.comms.Comms;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Maps provider webhooks to {@code comms.events()} at {@code comms.webhooks.path} (for example
 * {@code /comms/webhooks/{provider}}; the path must hold a {@code {provider}} variable), in a servlet
 * web application; off unless the path is set.
 */
@AutoConfiguration(after = CommsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnProperty(name = "comms.webhooks.path")
@ConditionalOnBean(Comms.class)
@Import(CommsWebhookAutoConfiguration.Controller.class)
public class CommsWebhookAutoConfiguration {
    /** Creates the configuration (Spring does). */
    public CommsWebhookAutoConfiguration() {
    }

    /** Registers the controller as a web handler. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Controller {
        /**
         * @param comms the facade
         * @return the webhook endpoint
         */
        @Bean
        @ConditionalOnMissingBean
        CommsWebhookController commsWebhookController(Comms comms) {
            return new CommsWebhookController(comms);
        }
    }
}
