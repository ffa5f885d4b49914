package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.CommsException;
import dev.comms.Mode;
import dev.comms.Receipt;
import dev.comms.spi.IdempotencyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The negative control: a store that looks the key up and then inserts, unguarded, must fail the race. */
class NaiveIdempotencyStoreControlTest {
    static final class NaiveStore implements IdempotencyStore {
        final Map<String, String> claims = new ConcurrentHashMap<>();

        @Override
        public Claim claim(String account, Mode mode, String key, String fingerprint, Duration lease) {
            String k = account + "|" + mode + "|" + key;
            if (claims.get(k) == null) {       // look up
                Thread.yield();                 // (the round trip)
                claims.put(k, fingerprint);     // insert
                return new Claim.Acquired();
            }
            return new Claim.InProgress();
        }

        @Override
        public void complete(String account, Mode mode, String key, Receipt receipt) {
        }

        @Override
        public void fail(String account, Mode mode, String key, CommsException error) {
        }

        @Override
        public void abandon(String account, Mode mode, String key) {
        }
    }

    @Test
    void theRaceCatchesANaiveStore() {
        IdempotencyStoreContract naive = new IdempotencyStoreContract() {
            private final NaiveStore store = new NaiveStore();

            @Override
            protected IdempotencyStore store() {
                return store;
            }

            @Override
            protected void pass(Duration d) {
            }
        };
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                naive.exactlyOneClaimantUnderARace();
            }
        }).isInstanceOf(AssertionError.class);
    }
}
