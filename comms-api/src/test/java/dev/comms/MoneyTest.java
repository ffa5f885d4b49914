package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void parsesDecimalPence() {
        assertThat(Money.parse("3").microPence()).isEqualTo(3_000_000);
        assertThat(Money.parse("0.15").microPence()).isEqualTo(150_000);
        assertThat(Money.parse("15p").microPence()).isEqualTo(15_000_000);
        assertThat(Money.parse("0.000001").microPence()).isEqualTo(1);
        assertThat(Money.parse("£24.93")).isEqualTo(Money.ofPence(2493));
    }

    @Test
    void refusesAmountsFinerThanOneMicroPenny() {
        assertThatThrownBy(() -> Money.parse("0.0000001")).hasMessageContaining("micro-penny");
        assertThatThrownBy(() -> Money.parse("three")).hasMessageContaining("not a decimal");
    }

    @Test
    void formatsLikeTheHostedApi() {
        assertThat(Money.parse("0.15").format()).isEqualTo("0.15p");
        assertThat(Money.ofPence(7).format()).isEqualTo("7p");
        assertThat(Money.ofPence(2493).format()).isEqualTo("£24.93");
        assertThat(Money.ofPence(500).format()).isEqualTo("£5.00");
        assertThat(Money.ZERO.format()).isEqualTo("0p");
        assertThat(Money.ofPence(-3).format()).isEqualTo("-3p");
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        Money big = Money.ofMicroPence(Long.MAX_VALUE);
        assertThatThrownBy(() -> big.plus(Money.ofMicroPence(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofPence(3).times(Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.parse("99999999999999999999")).isInstanceOf(ArithmeticException.class);
    }
}
