package dev.comms.billing.contract;

import dev.comms.billing.*;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The negative control: the overdraw race that every real ledger passes must catch the naive
 * read-check-write ledger (it grants more than the account can pay for, or loses debits).
 */
class NaiveLedgerControlTest {
    @Test
    void theOverdrawRaceCatchesReadCheckWrite() throws Exception {
        LedgerScenarios.Figures f = LedgerScenarios.overdrawRace(new NaiveLedger(), "naive", 64, 40, 1000);
        System.out.println("NaiveLedger (negative control): " + f);
        boolean caught = f.granted() != 1000 || f.gapMicros() != 0 || f.availableMicros() != 0;
        assertThat(caught).as("the race test must fail on a naive ledger: %s", f).isTrue();
    }
}
