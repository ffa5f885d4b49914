package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Channel;
import dev.comms.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept-operations queue: bounded, on disk first, survives a restart, applied in order and once. */
class SettlementQueueTest {
    @TempDir
    Path dir;

    @Test
    void operationsSurviveARestartInOrderAndAppliedOnesAreNotReplayed() throws Exception {
        SettlementQueue q = new SettlementQueue(10, dir);
        assertThat(q.offer(SettlementQueue.Op.COMMIT, 1, 3_000_000, "acme", Mode.LIVE, "k1", "msg_1", "", Channel.SMS))
                .isEqualTo(SettlementQueue.Kept.DISK);
        q.offer(SettlementQueue.Op.UNKNOWN, 2, 0, "acme", Mode.LIVE, "k 2/ü", "msg_2", "ref.with.dots", Channel.VOICE);
        q.offer(SettlementQueue.Op.ABANDON_SEND, 0, 0, "acme", Mode.TEST, "k3", "msg_3", "", null);

        SettlementQueue restarted = new SettlementQueue(10, dir);
        assertThat(restarted.size()).isEqualTo(3);
        List<SettlementQueue.Item> seen = new ArrayList<>();
        restarted.drain(item -> {
            if (item.holdId() == 2) {
                throw new LedgerUnavailableException("still down", null);
            }
            seen.add(item);
            return true;
        });
        assertThat(seen).extracting(SettlementQueue.Item::holdId).containsExactly(1L);
        SettlementQueue again = new SettlementQueue(10, dir);
        assertThat(again.size()).isEqualTo(2);
        List<SettlementQueue.Item> rest = again.drain(item -> true);
        assertThat(rest).extracting(SettlementQueue.Item::op).containsExactly(SettlementQueue.Op.UNKNOWN, SettlementQueue.Op.ABANDON_SEND);
        assertThat(rest.get(0).key()).isEqualTo("k 2/ü");
        assertThat(rest.get(0).reference()).isEqualTo("ref.with.dots");
        assertThat(rest.get(1).channel()).isNull();
        assertThat(Files.size(dir.resolve(SettlementQueue.FILE))).isZero();
        assertThat(new SettlementQueue(10, dir).size()).isZero();
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheRestLoads() throws Exception {
        SettlementQueue q = new SettlementQueue(10, dir);
        q.offer(SettlementQueue.Op.RELEASE, 7, 0, "acme", Mode.LIVE, "", "", "", Channel.EMAIL);
        Files.writeString(dir.resolve(SettlementQueue.FILE), "D 9 COMMIT 8 30", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        SettlementQueue restarted = new SettlementQueue(10, dir);
        assertThat(restarted.size()).isEqualTo(1);
    }

    @Test
    void aFullQueueWithoutAFileLosesTheOperationAndSaysSo() {
        SettlementQueue q = new SettlementQueue(1, null);
        assertThat(q.offer(SettlementQueue.Op.COMMIT, 1, 1, "a", Mode.LIVE, "", "", "", Channel.SMS)).isEqualTo(SettlementQueue.Kept.MEMORY);
        assertThat(q.offer(SettlementQueue.Op.COMMIT, 2, 1, "a", Mode.LIVE, "", "", "", Channel.SMS)).isEqualTo(SettlementQueue.Kept.LOST);
        assertThat(q.size()).isEqualTo(1);
    }
}
