package dev.comms.server;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes whose library support has not landed yet: each answers 501 with a JSON error naming what is
 * missing, so clients see the route exists and why it does not work yet.
 */
@RestController
class NotYetController {
    /** Relatel's gateway: one message to many numbers answering {@code {sent, failed_numbers}}. */
    @PostMapping("/relatel/messages")
    Map<String, Object> relatel() {
        throw ApiException.notImplemented("Relatel bulk SMS needs the bulk-send issue (per-number results as sent/failed_numbers, "
                + "rate_limit_reached and overuse_full, segment allowances, approved sender names per endpoint), which has not landed "
                + "in this build");
    }

    /** Provider webhooks handed to {@code comms.events()}. */
    @PostMapping("/comms/webhooks/{provider}")
    Map<String, Object> webhook(@PathVariable("provider") String provider) {
        throw ApiException.notImplemented("webhook endpoints need the events issue (comms.events(): signature verification of "
                + "the raw body, deduplication, normalised delivery events), which has not landed in this build");
    }
}
