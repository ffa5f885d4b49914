package dev.comms.billing.contract;

import dev.comms.billing.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.IdempotencyException;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one contract every {@link Ledger} passes: InMemoryLedger here, JdbcLedger on H2 and PostgreSQL
 * in comms-store-jdbc. Every test uses fresh account names, so a shared database needs no cleaning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LedgerContract {
    /** For subclasses. */
    protected LedgerContract() {
    }

    /** Fresh account names for this class's tests. */
    protected final Supplier<String> accounts = LedgerScenarios.accounts(getClass().getSimpleName());

    /** @return the ledger under test */
    protected abstract Ledger ledger();

    /**
     * Runs every lease of at most {@code lease} out (advance a fake clock, or wait).
     *
     * @param lease the longest lease granted
     */
    protected abstract void runOutLeases(Duration lease);

    /** @return a lease short enough to run out in a test */
    protected Duration shortLease() {
        return Duration.ofMillis(300);
    }

    /** @return the lease of the mixed soak's holds (the sweeper runs only after the soak) */
    protected Duration soakLease() {
        return shortLease().multipliedBy(20);
    }

    /** @return operations per thread in the mixed soak */
    protected int soakOpsPerThread() {
        return 100;
    }

    private static final Money P3 = Money.ofPence(3);

    private HoldRequest req(String account, String key, Money amount) {
        return new HoldRequest(account, Mode.LIVE, key, "fp-" + key, Channel.SMS, amount, Duration.ofMinutes(10));
    }

    private String funded(Money amount) {
        String a = accounts.get();
        ledger().credit(a, Mode.LIVE, amount, "fund", EntryKind.TOP_UP);
        return a;
    }

    @Test
    void reserveThenCommitChargesTheActualAndReturnsTheRest() {
        String a = funded(Money.ofPence(100));
        Hold h = ledger().reserve(req(a, "k1", Money.ofPence(21)));
        assertThat(h.state()).isEqualTo(HoldState.PENDING);
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPence(79));
        assertThat(ledger().balance(a, Mode.LIVE).held()).isEqualTo(Money.ofPence(21));
        Settlement s = ledger().commit(h.id(), Money.ofPence(14));
        assertThat(s.charged()).isEqualTo(Money.ofPence(14));
        assertThat(s.unbilled()).isEqualTo(Money.ZERO);
        assertThat(s.available()).isEqualTo(Money.ofPence(86));
        Balance b = ledger().balance(a, Mode.LIVE);
        assertThat(b.held()).isEqualTo(Money.ZERO);
        assertThat(b.debited()).isEqualTo(Money.ofPence(14));
        assertThat(b.gap()).isEqualTo(Money.ZERO);
        assertThat(ledger().journal(a, Mode.LIVE)).extracting(JournalEntry::kind).containsExactly(EntryKind.TOP_UP, EntryKind.CHARGE);
    }

    @Test
    void insufficientCreditsChangeNothingAndUseTheHostedWording() {
        String a = funded(Money.ofPence(50));
        assertThatThrownBy(() -> ledger().reserve(req(a, "k", Money.ofPence(70))))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Insufficient credits. You have 50p but need 70p.");
                    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
                    assertThat(e.status()).isEqualTo(402);
                });
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPence(50));
        assertThat(ledger().holdByKey(a, Mode.LIVE, "k")).isEmpty();
        // the same key works after a top-up: a refusal is not remembered
        ledger().credit(a, Mode.LIVE, Money.ofPence(20), "more", EntryKind.TOP_UP);
        assertThat(ledger().reserve(req(a, "k", Money.ofPence(70))).replayed()).isFalse();
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ZERO);
    }

    @Test
    void releaseReturnsEverythingOnce() {
        String a = funded(Money.ofPence(10));
        Hold h = ledger().reserve(req(a, "k", P3));
        assertThat(ledger().release(h.id())).isTrue();
        assertThat(ledger().release(h.id())).isFalse();
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPence(10));
        assertThat(ledger().hold(h.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThatThrownBy(() -> ledger().commit(h.id(), P3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }

    @Test
    void commitIsIdempotent() {
        String a = funded(Money.ofPence(10));
        Hold h = ledger().reserve(req(a, "k", P3));
        Settlement first = ledger().commit(h.id(), P3);
        Settlement again = ledger().commit(h.id(), P3);
        assertThat(again.charged()).isEqualTo(first.charged());
        assertThat(ledger().release(h.id())).isFalse();
        assertThat(ledger().balance(a, Mode.LIVE).debited()).isEqualTo(P3);
        assertThat(LedgerScenarios.doubleCharged(ledger(), a)).isZero();
    }

    @Test
    void sameKeyReplaysAndAnotherRequestConflicts() {
        String a = funded(Money.ofPence(10));
        Hold h = ledger().reserve(req(a, "k", P3));
        Hold again = ledger().reserve(req(a, "k", P3));
        assertThat(again.id()).isEqualTo(h.id());
        assertThat(again.replayed()).isTrue();
        assertThat(ledger().balance(a, Mode.LIVE).held()).isEqualTo(P3);
        assertThatThrownBy(() -> ledger().reserve(new HoldRequest(a, Mode.LIVE, "k", "other", Channel.SMS, P3, Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void liveAndTestBalancesAreSeparate() {
        String a = accounts.get();
        ledger().credit(a, Mode.TEST, Money.ofPence(100), "t", EntryKind.GRANT);
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> ledger().reserve(req(a, "k", P3))).isInstanceOf(InsufficientCreditsException.class);
        Hold h = ledger().reserve(new HoldRequest(a, Mode.TEST, "k", "fp", Channel.SMS, P3, Duration.ofMinutes(1)));
        ledger().commit(h.id(), P3);
        assertThat(ledger().balance(a, Mode.TEST).available()).isEqualTo(Money.ofPence(97));
        assertThat(ledger().balance(a, Mode.LIVE)).satisfies(b -> {
            assertThat(b.available()).isEqualTo(Money.ZERO);
            assertThat(b.debited()).isEqualTo(Money.ZERO);
        });
    }

    @Test
    void creditsOncePerKey() {
        String a = accounts.get();
        assertThat(ledger().credit(a, Mode.LIVE, Money.ofPounds(5), "grant-1", EntryKind.GRANT)).isTrue();
        assertThat(ledger().credit(a, Mode.LIVE, Money.ofPounds(5), "grant-1", EntryKind.GRANT)).isFalse();
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPounds(5));
        assertThat(ledger().credit(a, Mode.TEST, Money.ofPounds(5), "grant-1", EntryKind.GRANT)).isTrue();
    }

    @Test
    void transferFundsASubAccountOnce() {
        String parent = funded(Money.ofPounds(10));
        String child = accounts.get();
        assertThat(ledger().transfer(parent, child, Mode.LIVE, Money.ofPounds(4), "alloc-1")).isTrue();
        assertThat(ledger().transfer(parent, child, Mode.LIVE, Money.ofPounds(4), "alloc-1")).isFalse();
        assertThat(ledger().balance(parent, Mode.LIVE).available()).isEqualTo(Money.ofPounds(6));
        assertThat(ledger().balance(child, Mode.LIVE).available()).isEqualTo(Money.ofPounds(4));
        assertThat(ledger().balance(parent, Mode.LIVE).gap()).isEqualTo(Money.ZERO);
        assertThat(ledger().balance(child, Mode.LIVE).gap()).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> ledger().transfer(parent, child, Mode.LIVE, Money.ofPounds(7), "alloc-2"))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThat(ledger().balance(parent, Mode.LIVE).available()).isEqualTo(Money.ofPounds(6));
    }

    @Test
    void expiredHoldsReturnTheirCredits() {
        String a = funded(Money.ofPence(10));
        Hold h = ledger().reserve(new HoldRequest(a, Mode.LIVE, "k", "fp", Channel.SMS, P3, shortLease()));
        assertThat(ledger().expireDue()).as("not yet due").isGreaterThanOrEqualTo(0);
        assertThat(ledger().hold(h.id()).orElseThrow().state()).isEqualTo(HoldState.PENDING);
        runOutLeases(shortLease());
        int swept = 0;
        for (int n; (n = ledger().expireDue()) > 0; ) {
            swept += n;
        }
        assertThat(swept).isGreaterThanOrEqualTo(1);
        assertThat(ledger().hold(h.id()).orElseThrow().state()).isEqualTo(HoldState.EXPIRED);
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPence(10));
        // sent after all: a late commit re-debits where the balance allows
        Settlement late = ledger().commit(h.id(), P3);
        assertThat(late.charged()).isEqualTo(P3);
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPence(7));
        assertThat(ledger().balance(a, Mode.LIVE).gap()).isEqualTo(Money.ZERO);
    }

    @Test
    void anAbandonedHoldFreesItsKeyForANewHoldAndStaysResolvedOnce() {
        String a = funded(Money.ofPence(10));
        Hold first = ledger().reserve(req(a, "k", P3));
        assertThat(ledger().abandon(first.id())).isTrue();
        assertThat(ledger().abandon(first.id())).as("resolves once").isFalse();
        assertThat(ledger().release(first.id())).isFalse();
        Hold second = ledger().reserve(req(a, "k", P3));
        assertThat(second.replayed()).isFalse();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(ledger().hold(first.id()).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(ledger().holdByKey(a, Mode.LIVE, "k").orElseThrow().id()).isEqualTo(second.id());
        ledger().commit(second.id(), P3);
        Balance b = ledger().balance(a, Mode.LIVE);
        assertThat(b.available()).isEqualTo(Money.ofPence(7));
        assertThat(b.gap()).isEqualTo(Money.ZERO);
        // a released (not abandoned) hold keeps its key: a provider was called
        Hold third = ledger().reserve(req(a, "k2", P3));
        ledger().release(third.id());
        assertThat(ledger().reserve(req(a, "k2", P3)).replayed()).isTrue();
    }

    @Test
    void aReserveRepeatedWithItsOwnSendIdFindsItsHoldNotAReplay() {
        String a = funded(Money.ofPence(10));
        HoldRequest r = new HoldRequest(a, Mode.LIVE, "k", "fp", Channel.SMS, P3, Duration.ofMinutes(10), "ZZ", "msg_own", null);
        Hold first = ledger().reserve(r);
        Hold again = ledger().reserve(r); // as after a lost COMMIT answer
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.replayed()).isFalse();
        assertThat(ledger().balance(a, Mode.LIVE).held()).isEqualTo(P3);
        HoldRequest other = new HoldRequest(a, Mode.LIVE, "k", "fp", Channel.SMS, P3, Duration.ofMinutes(10), "ZZ", "msg_other", null);
        assertThat(ledger().reserve(other).replayed()).as("another send with the key").isTrue();
        assertThat(ledger().abandonSend(a, Mode.LIVE, "k", "msg_other")).isFalse();
        assertThat(ledger().abandonSend(a, Mode.LIVE, "k", "msg_own")).isTrue();
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPence(10));
        assertThat(ledger().reserve(other).replayed()).as("key free after the abandon").isFalse();
    }

    @Test
    void anOutcomeUnknownHoldIsCommittedAtLeaseEndNotReleased() {
        String a = funded(Money.ofPence(10));
        Hold unknown = ledger().reserve(new HoldRequest(a, Mode.LIVE, "u", "fp", Channel.SMS, P3, shortLease()));
        Hold inFlight = ledger().reserve(new HoldRequest(a, Mode.LIVE, "f", "fp", Channel.SMS, P3, shortLease()));
        assertThat(ledger().markUnknown(unknown.id(), "ref-1", Duration.ZERO)).isTrue();
        assertThat(ledger().unknownHolds(1_000)).extracting(Hold::id).contains(unknown.id()).doesNotContain(inFlight.id());
        assertThat(ledger().hold(unknown.id()).orElseThrow().reference()).isEqualTo("ref-1");
        runOutLeases(shortLease());
        for (int n; (n = ledger().expireDue()) > 0; ) {
            // drain
        }
        assertThat(ledger().hold(inFlight.id()).orElseThrow().state()).isEqualTo(HoldState.EXPIRED);
        assertThat(ledger().hold(unknown.id()).orElseThrow().state()).as("never released by expiry").isEqualTo(HoldState.PENDING);
        List<Settled> settled = new ArrayList<>();
        for (List<Settled> batch; !(batch = ledger().commitUnknownDue()).isEmpty(); ) {
            settled.addAll(batch);
        }
        assertThat(settled).extracting(x -> x.hold().id()).contains(unknown.id());
        assertThat(ledger().hold(unknown.id()).orElseThrow().state()).isEqualTo(HoldState.COMMITTED);
        Balance b = ledger().balance(a, Mode.LIVE);
        assertThat(b.debited()).isEqualTo(P3);
        assertThat(b.available()).isEqualTo(Money.ofPence(7));
        assertThat(b.gap()).isEqualTo(Money.ZERO);
        assertThat(ledger().markUnknown(unknown.id(), "late", Duration.ZERO)).as("only a pending hold").isFalse();
    }

    @Test
    void markingAnOutcomeUnknownExtendsTheLeaseForTheReconciler() {
        String a = funded(Money.ofPence(10));
        Hold h = ledger().reserve(new HoldRequest(a, Mode.LIVE, "w", "fp", Channel.SMS, P3, shortLease()));
        assertThat(ledger().markUnknown(h.id(), "ref", Duration.ofHours(1))).isTrue();
        Hold marked = ledger().hold(h.id()).orElseThrow();
        assertThat(marked.expiresAt()).isAfter(h.expiresAt().plus(Duration.ofMinutes(50)));
        runOutLeases(shortLease());
        assertThat(ledger().commitUnknownDue()).extracting(x -> x.hold().id()).doesNotContain(h.id());
        assertThat(ledger().hold(h.id()).orElseThrow().state()).isEqualTo(HoldState.PENDING);
    }

    @Test
    void resolvedHoldsArePurgedAfterTheRetentionAndTheJournalIsKept() {
        String a = funded(Money.ofPence(10));
        Hold h = ledger().reserve(req(a, "p", P3));
        ledger().commit(h.id(), P3);
        Hold pending = ledger().reserve(req(a, "q", P3));
        assertThat(ledger().purgeResolved(Duration.ofHours(1))).as("inside the retention").isGreaterThanOrEqualTo(0);
        assertThat(ledger().hold(h.id())).isPresent();
        runOutLeases(shortLease());
        ledger().purgeResolved(shortLease().dividedBy(3));
        assertThat(ledger().hold(h.id())).isEmpty();
        assertThat(ledger().hold(pending.id())).as("pending holds are never purged").isPresent();
        assertThat(ledger().journal(a, Mode.LIVE)).anyMatch(e -> e.kind() == EntryKind.CHARGE && e.holdId() == h.id());
        assertThat(ledger().balance(a, Mode.LIVE).gap()).isEqualTo(Money.ZERO);
    }

    @Test
    void lateCommitWithoutCreditsIsReportedUnbilled() {
        String a = funded(P3);
        Hold h = ledger().reserve(new HoldRequest(a, Mode.LIVE, "k", "fp", Channel.SMS, P3, shortLease()));
        runOutLeases(shortLease());
        while (ledger().expireDue() > 0) {
            // sweep
        }
        Hold other = ledger().reserve(req(a, "k2", P3));
        ledger().commit(other.id(), P3);
        Settlement late = ledger().commit(h.id(), P3);
        assertThat(late.charged()).isEqualTo(Money.ZERO);
        assertThat(late.unbilled()).isEqualTo(P3);
        assertThat(ledger().journal(a, Mode.LIVE)).extracting(JournalEntry::kind).contains(EntryKind.UNBILLED);
        assertThat(ledger().balance(a, Mode.LIVE).gap()).isEqualTo(Money.ZERO);
    }

    @Test
    void actualAboveTheHoldChargesTheRestWhereCovered() {
        String a = funded(Money.ofPence(20));
        Hold h = ledger().reserve(req(a, "call", Money.ofPence(7)));
        Settlement s = ledger().commit(h.id(), Money.ofPence(14));
        assertThat(s.charged()).isEqualTo(Money.ofPence(14));
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ofPence(6));
        Hold h2 = ledger().reserve(req(a, "call2", Money.ofPence(5)));
        Settlement s2 = ledger().commit(h2.id(), Money.ofPence(21));
        assertThat(s2.charged()).isEqualTo(Money.ofPence(6));
        assertThat(s2.unbilled()).isEqualTo(Money.ofPence(15));
        assertThat(ledger().balance(a, Mode.LIVE).available()).isEqualTo(Money.ZERO);
        assertThat(ledger().balance(a, Mode.LIVE).gap()).isEqualTo(Money.ZERO);
    }

    @Test
    void badInputIsRefusedWithTheField() {
        assertThatThrownBy(() -> new HoldRequest(" ", Mode.LIVE, "k", "f", Channel.SMS, P3, Duration.ofSeconds(1)))
                .hasMessageContaining("account");
        assertThatThrownBy(() -> new HoldRequest("a", Mode.LIVE, "k", "f", Channel.SMS, Money.ofMicroPence(-1), Duration.ofSeconds(1)))
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> ledger().credit("a", Mode.LIVE, Money.ZERO, "k", EntryKind.GRANT)).hasMessageContaining("positive");
        String a = funded(P3);
        Hold h = ledger().reserve(req(a, "k", P3));
        assertThatThrownBy(() -> ledger().commit(h.id(), Money.ofMicroPence(-1))).hasMessageContaining("negative");
    }

    @Test
    void overdrawRace() throws Exception {
        LedgerScenarios.Figures f = LedgerScenarios.overdrawRace(ledger(), accounts.get(), 64, 40, 1000);
        System.out.println(getClass().getSimpleName() + ": " + f);
        assertThat(f.granted()).isEqualTo(1000);
        assertThat(f.rejected()).isEqualTo(64 * 40 - 1000);
        assertThat(f.availableMicros()).isZero();
        assertThat(f.gapMicros()).isZero();
        assertThat(f.doubleCharged()).isZero();
    }

    @Test
    void mixedSoak() throws Exception {
        Duration lease = soakLease();
        LedgerScenarios.Figures f = LedgerScenarios.mixedSoak(ledger(), accounts.get(), 64, soakOpsPerThread(), 3000,
                Money.ofPounds(150), () -> runOutLeases(lease), lease);
        System.out.println(getClass().getSimpleName() + ": " + f);
        assertThat(f.gapMicros()).isZero();
        assertThat(f.doubleCharged()).isZero();
        assertThat(f.pendingLeft()).isZero();
        assertThat(f.expired()).isEqualTo(f.crashed());
        assertThat(f.granted()).isPositive();
    }

    @Test
    void duplicateStorm() throws Exception {
        LedgerScenarios.Figures f = LedgerScenarios.duplicateStorm(ledger(), accounts.get(), 32, 1000);
        System.out.println(getClass().getSimpleName() + ": " + f);
        assertThat(f.holds()).isEqualTo(1);
        assertThat(f.granted()).isEqualTo(1);
        assertThat(f.availableMicros()).isEqualTo(Money.ofPounds(100).minus(P3).microPence());
        assertThat(f.gapMicros()).isZero();
    }
}
