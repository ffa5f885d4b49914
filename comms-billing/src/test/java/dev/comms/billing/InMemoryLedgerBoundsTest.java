package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory ledger's bounds: resolved holds and journal entries kept per balance. */
class InMemoryLedgerBoundsTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private final FakeClock clock = new FakeClock();

    private static HoldRequest request(String account, String key) {
        return new HoldRequest(account, Mode.LIVE, key, "fp-" + key, Channel.SMS, Money.ofPence(3), LEASE);
    }

    private static long charge(InMemoryLedger l, String account, String key) {
        Hold h = l.reserve(request(account, key));
        l.commit(h.id(), Money.ofPence(3));
        return h.id();
    }

    @Test
    void eachBalanceKeepsAtMostItsBoundOfResolvedHoldsOldestForgottenFirstPendingNever() {
        InMemoryLedger l = InMemoryLedger.builder().clock(clock).maxResolvedHolds(3).build();
        l.credit("a", Mode.LIVE, Money.ofPounds(10), "t-a", EntryKind.TOP_UP);
        l.credit("b", Mode.LIVE, Money.ofPounds(10), "t-b", EntryKind.TOP_UP);
        Hold pending = l.reserve(request("a", "pending"));
        long b1 = charge(l, "b", "b1");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(charge(l, "a", "k" + i));
        }
        // a: the pending hold and the 3 newest resolved ones; b's hold untouched by a's traffic.
        assertThat(l.holdCount()).isEqualTo(1 + 3 + 1);
        assertThat(l.hold(ids.get(0))).isEmpty();
        assertThat(l.hold(ids.get(1))).isEmpty();
        assertThat(l.hold(ids.get(2))).isPresent();
        assertThat(l.holdByKey("a", Mode.LIVE, "k0")).isEmpty();
        assertThat(l.hold(pending.id())).isPresent();
        assertThat(l.hold(b1)).isPresent();
        // A forgotten hold's key can be reserved again; the balance stayed exact throughout.
        assertThat(l.reserve(request("a", "k0")).replayed()).isFalse();
        assertThat(l.balance("a", Mode.LIVE).debited()).isEqualTo(Money.ofPence(15));
        assertThat(l.balance("a", Mode.LIVE).held()).isEqualTo(Money.ofPence(6));
    }

    @Test
    void eachBalanceKeepsTheLastEntriesOfItsJournalAndExactTotals() {
        InMemoryLedger l = InMemoryLedger.builder().clock(clock).maxJournalEntries(4).build();
        l.credit("a", Mode.LIVE, Money.ofPounds(10), "t-a", EntryKind.TOP_UP);
        for (int i = 0; i < 6; i++) {
            charge(l, "a", "k" + i);
        }
        List<JournalEntry> j = l.journal("a", Mode.LIVE);
        assertThat(j).hasSize(4);
        assertThat(j).extracting(JournalEntry::key).containsExactly("k2", "k3", "k4", "k5");
        assertThat(j).extracting(JournalEntry::seq).isSorted();
        assertThat(l.balance("a", Mode.LIVE).debited()).isEqualTo(Money.ofPence(18));
        assertThat(l.balance("a", Mode.LIVE).credited()).isEqualTo(Money.ofPounds(10));
        assertThat(l.balance("a", Mode.LIVE).available()).isEqualTo(Money.ofPence(1000 - 18));
    }

    @Test
    void purgeForgetsOnlyHoldsResolvedBeforeTheRetention() {
        InMemoryLedger l = InMemoryLedger.builder().clock(clock).build();
        l.credit("a", Mode.LIVE, Money.ofPounds(10), "t-a", EntryKind.TOP_UP);
        l.credit("b", Mode.LIVE, Money.ofPounds(10), "t-b", EntryKind.TOP_UP);
        charge(l, "a", "old-a");
        charge(l, "b", "old-b");
        clock.advance(Duration.ofHours(2));
        long fresh = charge(l, "a", "new-a");
        assertThat(l.purgeResolved(Duration.ofHours(1))).isEqualTo(2);
        assertThat(l.hold(fresh)).isPresent();
        assertThat(l.holdCount()).isEqualTo(1);
    }

    @Test
    void theBoundsHoldAndBalancesStayExactUnderContention() throws Exception {
        InMemoryLedger l = InMemoryLedger.builder().clock(clock).maxResolvedHolds(50).maxJournalEntries(50).build();
        int threads = 4;
        int each = 2_000;
        for (int t = 0; t < threads; t++) {
            l.credit("acct-" + (t % 2), Mode.LIVE, Money.ofPounds(1_000), "top-" + t, EntryKind.TOP_UP);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < each; i++) {
                        charge(l, "acct-" + (id % 2), "t" + id + "-" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int a = 0; a < 2; a++) {
            Balance b = l.balance("acct-" + a, Mode.LIVE);
            assertThat(b.debited()).isEqualTo(Money.ofPence(3L * each * 2));
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(l.journal("acct-" + a, Mode.LIVE)).hasSize(50);
        }
        assertThat(l.holdCount()).isEqualTo(2 * 50);
        assertThatThrownBy(() -> InMemoryLedger.builder().maxResolvedHolds(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
