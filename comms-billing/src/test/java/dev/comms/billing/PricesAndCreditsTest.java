package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.CommsConfigurationException;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.spi.Usage;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricesAndCreditsTest {
    @Test
    void defaultsAreTheHostedApisPrices() {
        PriceBook p = PriceBook.DEFAULT;
        assertThat(p.cost(Usage.sms(1), "GB")).isEqualTo(Money.ofPence(3));
        assertThat(p.cost(Usage.sms(3), "GB")).isEqualTo(Money.ofPence(9));
        assertThat(p.cost(Usage.voice(2), "GB")).isEqualTo(Money.ofPence(14));
        assertThat(p.cost(Usage.email(1), "ZZ").format()).isEqualTo("0.15p");
        assertThat(p.cost(Usage.email(4), "ZZ")).isEqualTo(Money.parse("0.6"));
        assertThat(p.cost(Usage.ai(1000, 500), "ZZ")).isEqualTo(Money.ofPence(15));
    }

    @Test
    void countryMultipliersAndTokenPrices() {
        PriceBook p = PriceBook.builder().smsMultiplier("us", "0.5").voiceMultiplier("US", "1.333333")
                .aiPromptToken(Money.parse("0.001")).aiCompletionToken(Money.parse("0.002")).build();
        assertThat(p.cost(Usage.sms(3), "US")).isEqualTo(Money.parse("4.5"));
        assertThat(p.cost(Usage.sms(3), "GB")).isEqualTo(Money.ofPence(9));
        assertThat(p.cost(Usage.voice(1), "US")).isEqualTo(Money.parse("9.333331"));
        assertThat(p.cost(Usage.ai(1000, 500), "ZZ")).isEqualTo(Money.ofPence(17));
    }

    @Test
    void settingsAreReadAndEveryBadValueReported() {
        PriceBook p = PriceBook.fromSettings(Map.of("comms.price.sms", "4p", "comms.price.email", "0.2",
                "comms.price.sms.multiplier.FR", "2", "comms.other", "ignored"));
        assertThat(p.cost(Usage.sms(1), "FR")).isEqualTo(Money.ofPence(8));
        assertThat(p.cost(Usage.email(1), "ZZ")).isEqualTo(Money.parse("0.2"));
        java.util.Properties props = new java.util.Properties();
        props.setProperty("comms.price.ai", "20p");
        props.setProperty("comms.sms.from", "Acme");
        assertThat(PriceBook.fromProperties(props).cost(Usage.ai(0, 0), "ZZ")).isEqualTo(Money.ofPence(20));
        assertThatThrownBy(() -> PriceBook.fromSettings(Map.of("comms.price.sms", "three", "comms.price.voice", "0.0000001",
                "comms.price.sms.multiplier.FRA", "2", "comms.price.smss", "1")))
                .isInstanceOfSatisfying(CommsConfigurationException.class, e -> assertThat(e.problems()).hasSize(4)
                        .anySatisfy(s -> assertThat(s).contains("comms.price.sms='three'"))
                        .anySatisfy(s -> assertThat(s).contains("micro-penny"))
                        .anySatisfy(s -> assertThat(s).contains("two-letter"))
                        .anySatisfy(s -> assertThat(s).contains("unknown price setting")));
    }

    @Test
    void effectiveDatesPickTheBookInForce() {
        PriceBook old = PriceBook.DEFAULT;
        PriceBook rise = PriceBook.builder().sms(Money.ofPence(4)).effectiveFrom(Instant.parse("2027-01-01T00:00:00Z")).build();
        PriceSchedule s = PriceSchedule.of(rise, old);
        assertThat(s.at(Instant.parse("2026-12-31T23:59:59Z")).cost(Usage.sms(1), "GB")).isEqualTo(Money.ofPence(3));
        assertThat(s.at(Instant.parse("2027-01-01T00:00:00Z")).cost(Usage.sms(1), "GB")).isEqualTo(Money.ofPence(4));
        assertThatThrownBy(() -> PriceSchedule.of(old, PriceBook.DEFAULT)).hasMessageContaining("only one");
        assertThatThrownBy(() -> PriceSchedule.of(rise).at(Instant.parse("2026-01-01T00:00:00Z"))).hasMessageContaining("no price book");
    }

    @Test
    void topUpsAreLimitedAndIdempotent() {
        Credits credits = new Credits(new InMemoryLedger());
        assertThatThrownBy(() -> credits.topUp("a", Mode.LIVE, Money.parse("£4.99"), "k"))
                .hasMessageContaining("between £5.00 and £1000.00");
        assertThatThrownBy(() -> credits.topUp("a", Mode.LIVE, Money.parse("£1000.01"), "k")).hasMessageContaining("outside the limits");
        assertThat(credits.topUp("a", Mode.LIVE, Money.parse("£5"), "pay-1")).isTrue();
        assertThat(credits.topUp("a", Mode.LIVE, Money.parse("£5"), "pay-1")).isFalse();
        assertThat(credits.grant("a", Mode.LIVE, Money.parse("0.5"), "promo")).isTrue();
        assertThat(credits.grant("a", Mode.LIVE, Money.parse("0.5"), "promo")).isFalse();
        assertThat(credits.balance("a", Mode.LIVE).available()).isEqualTo(Money.parse("500.5"));
        assertThat(credits.fundSubAccount("a", "a-child", Mode.LIVE, Money.ofPence(100), "alloc")).isTrue();
        assertThat(credits.balance("a-child", Mode.LIVE).available()).isEqualTo(Money.ofPence(100));
    }

    @Test
    void csvExportQuotesAndDefusesFields() {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "f", EntryKind.GRANT);
        Hold h = ledger.reserve(new HoldRequest("acme", Mode.LIVE, "=cmd,1", "fp", dev.comms.Channel.SMS, Money.ofPence(3),
                java.time.Duration.ofMinutes(1)));
        ledger.commit(h.id(), Money.ofPence(3));
        StringWriter w = new StringWriter();
        UsageReport.writeCsv(ledger.journal("acme", Mode.LIVE), w);
        String[] lines = w.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("seq,at,account,mode,kind,channel,amount_pence,hold_id,key");
        assertThat(lines[1]).contains(",acme,LIVE,CHARGE,SMS,3,").endsWith(",\"'=cmd,1\"");
        assertThat(UsageReport.totals(ledger.journal("acme", Mode.LIVE))).singleElement()
                .satisfies(r -> assertThat(r.sends()).isEqualTo(1));
    }
}
