package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.testkit.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerSweeperTest {
    @Test
    void expiresHoldsOnItsOwnWithinBoundedTime() throws Exception {
        FakeClock clock = new FakeClock();
        InMemoryLedger ledger = new InMemoryLedger(clock);
        ledger.credit("a", Mode.LIVE, Money.ofPence(30), "f", EntryKind.GRANT);
        for (int i = 0; i < 10; i++) {
            ledger.reserve(new HoldRequest("a", Mode.LIVE, "k" + i, "fp", Channel.SMS, Money.ofPence(3), Duration.ofMinutes(1)));
        }
        assertThat(ledger.balance("a", Mode.LIVE).available()).isEqualTo(Money.ZERO);
        try (LedgerSweeper sweeper = LedgerSweeper.start(ledger, Duration.ofMillis(20))) {
            Thread.sleep(100);
            assertThat(sweeper.expiredTotal()).as("nothing is due before the lease runs out").isZero();
            clock.advance(Duration.ofMinutes(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sweeper.expiredTotal() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(sweeper.expiredTotal()).isEqualTo(10);
        }
        assertThat(ledger.balance("a", Mode.LIVE).available()).isEqualTo(Money.ofPence(30));
        assertThat(ledger.pendingHolds("a", Mode.LIVE)).isEmpty();
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThatThrownBy(() -> LedgerSweeper.start(new InMemoryLedger(), Duration.ZERO)).hasMessageContaining("positive");
    }
}
