package dev.comms.server;

import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.SendOptions;
import org.springframework.stereotype.Component;

/** Who is calling: the key (in the place each API puts it) resolved to an account and mode. */
@Component
class Callers {
    private final ApiKeys keys;
    private final Comms comms;
    private final ServerProperties properties;

    Callers(ApiKeys keys, Comms comms, ServerProperties properties) {
        this.keys = keys;
        this.comms = comms;
        this.properties = properties;
    }

    /** @return the caller of a key; 401 MISSING_API_KEY or INVALID_API_KEY otherwise */
    ApiKeys.Caller require(String key, String where) {
        if (key == null || key.isBlank()) {
            throw new ApiException(401, "MISSING_API_KEY", "an API key is required (" + where + ")");
        }
        String k = key.strip();
        if (k.regionMatches(true, 0, "Bearer ", 0, 7)) {
            k = k.substring(7).strip();
        }
        return keys.resolve(k).orElseThrow(() -> new ApiException(401, "INVALID_API_KEY", "the API key is not valid"));
    }

    /** The communications service takes no key on the sandbox (as documented) and a configured one when live. */
    ApiKeys.Caller service(String apiKey, String authorization) {
        if (comms.mode() == Mode.TEST && (apiKey == null || apiKey.isBlank()) && (authorization == null || authorization.isBlank())) {
            return new ApiKeys.Caller(properties.getServiceAccount(), Mode.TEST);
        }
        return require(apiKey != null && !apiKey.isBlank() ? apiKey : authorization, "X-API-Key or Authorization: Bearer");
    }

    Comms view(ApiKeys.Caller caller) {
        return comms.forAccount(caller.account(), caller.mode());
    }

    static SendOptions options(String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? SendOptions.NONE : SendOptions.idempotencyKey(idempotencyKey.strip());
    }
}
