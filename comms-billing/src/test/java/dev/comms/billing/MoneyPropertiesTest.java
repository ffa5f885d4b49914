package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Money;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** jqwik properties of the money arithmetic: exact, or an error; never a wrap. */
class MoneyPropertiesTest {
    @Property
    void additionIsExactOrThrows(@ForAll long a, @ForAll long b) {
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (exact.bitLength() < 64) {
            assertThat(Money.ofMicroPence(a).plus(Money.ofMicroPence(b)).microPence()).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> Money.ofMicroPence(a).plus(Money.ofMicroPence(b))).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void multiplicationIsExactOrThrows(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(min = 0, max = 100_000_000L) long n) {
        BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(n));
        if (exact.bitLength() < 64) {
            assertThat(Money.ofMicroPence(a).times(n).microPence()).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> Money.ofMicroPence(a).times(n)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void plusThenMinusIsIdentity(@ForAll @LongRange(min = -4_000_000_000_000_000L, max = 4_000_000_000_000_000L) long a,
            @ForAll @LongRange(min = -4_000_000_000_000_000L, max = 4_000_000_000_000_000L) long b) {
        assertThat(Money.ofMicroPence(a).plus(Money.ofMicroPence(b)).minus(Money.ofMicroPence(b))).isEqualTo(Money.ofMicroPence(a));
    }

    @Property
    void formatParsesBack(@ForAll @LongRange(min = 0, max = 9_000_000_000_000_000L) long micros) {
        Money m = Money.ofMicroPence(micros);
        assertThat(Money.parse(m.toPence().toPlainString())).isEqualTo(m);
        assertThat(Money.parse(m.toPence().toPlainString() + "p")).isEqualTo(m);
    }

    @Property
    void finerThanAMicroPennyIsRefused(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long micros,
            @ForAll @LongRange(min = 1, max = 9) long extraDigit) {
        String text = Money.ofMicroPence(micros).toPence().setScale(6).toPlainString() + extraDigit;
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("micro-penny");
    }

    @Property
    void priceTimesSegmentsIsLinear(@ForAll @LongRange(min = 0, max = 1_000) long segments) {
        assertThat(PriceBook.DEFAULT.cost(dev.comms.spi.Usage.sms((int) segments), "GB"))
                .isEqualTo(Money.ofPence(3).times(segments));
    }
}
