package dev.comms.server;

import dev.comms.Billing;
import dev.comms.Money;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hosted API's billing block: amounts in pence as plain numbers, and formatted. */
final class Pence {
    private Pence() {
    }

    static BigDecimal of(Money m) {
        BigDecimal p = m.toPence();
        return p.scale() < 0 ? p.setScale(0) : p;
    }

    static Map<String, Object> billing(Billing b, String service, String action, boolean live) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b.state() == Billing.State.HELD) {
            // a call's credit is held until it ends; what it costs is known when it is settled
            m.put("cost", BigDecimal.ZERO);
            m.put("costFormatted", Money.ZERO.format());
            m.put("held", of(b.cost()));
            m.put("heldFormatted", b.cost().format());
        } else {
            m.put("cost", of(b.cost()));
            m.put("costFormatted", b.cost().format());
        }
        m.put("service", service);
        m.put("action", action);
        m.put("isLive", live);
        if (b.metered() && b.state() != Billing.State.DEFERRED) {
            m.put("creditsRemaining", of(b.balance()));
            m.put("creditsRemainingFormatted", b.balance().format());
        }
        return m;
    }
}
