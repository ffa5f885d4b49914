package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ledger operations that could not be applied because the ledger was unreachable (a charge after the
 * provider accepted, a release, an abandon), kept in order until it is back: in a bounded memory
 * queue, and first in a small append-only file when a directory is configured, so a process crash
 * while the database is down loses nothing. Every operation is idempotent in the ledger (by hold id
 * and state, or by send id), so applying one twice, after a crash between applying and recording it,
 * changes nothing.
 *
 * <p>File format, one line per record, fields Base64url: {@code D seq op holdId amount account mode key
 * sendId reference channel} when an operation is kept, {@code A seq} when it was applied. The file is
 * emptied when nothing is left. One directory per process.
 *
 * <p>Thread-safe.
 */
final class SettlementQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SettlementQueue.class);
    static final String FILE = "comms-settlements.log";

    /** What to apply. */
    enum Op {
        COMMIT, RELEASE, ABANDON, UNKNOWN, ABANDON_SEND
    }

    /**
     * One kept operation.
     *
     * @param seq order of arrival
     * @param op what to do
     * @param holdId the hold (0 for ABANDON_SEND)
     * @param amount micro-pence to commit (COMMIT)
     * @param account the account
     * @param mode live or test
     * @param key the idempotency key (ABANDON_SEND)
     * @param sendId the send id (ABANDON_SEND)
     * @param reference the reconciler's reference (UNKNOWN)
     * @param channel the channel, or null
     */
    record Item(long seq, Op op, long holdId, long amount, String account, Mode mode, String key, String sendId, String reference,
            Channel channel) {
    }

    /** Where an offered operation was kept. */
    enum Kept {
        /** In memory and in the file. */
        DISK,
        /** In memory only (no directory configured, or the file could not be written). */
        MEMORY,
        /** Nowhere: the memory queue is full and no file could take it. */
        LOST
    }

    private final int capacity;
    private final Path file;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final java.util.concurrent.locks.ReentrantLock draining = new java.util.concurrent.locks.ReentrantLock();
    private long seq;

    /**
     * @param capacity the most operations kept in memory
     * @param directory where the file lives, or null for memory only; operations found in an existing
     *     file are loaded
     */
    SettlementQueue(int capacity, Path directory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.file = directory == null ? null : directory.resolve(FILE);
        if (file != null) {
            try {
                Files.createDirectories(directory);
                load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the kept-settlements file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<Long, Item> pending = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            try {
                if (f[0].equals("D") && f.length == 11) {
                    long s = Long.parseLong(f[1]);
                    String ch = d(f[10]);
                    pending.put(s, new Item(s, Op.valueOf(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), d(f[5]), Mode.valueOf(f[6]),
                            d(f[7]), d(f[8]), d(f[9]), ch.isEmpty() ? null : Channel.valueOf(ch)));
                    seq = Math.max(seq, s);
                } else if (f[0].equals("A") && f.length == 2) {
                    pending.remove(Long.parseLong(f[1]));
                }
            } catch (RuntimeException torn) {
                // a line torn by a crash mid-write: the operation was not acknowledged to anyone
                LOG.warn("Comms skipped an unreadable line of {}", file);
            }
        }
        items.addAll(pending.values());
        if (!items.isEmpty()) {
            LOG.warn("Comms found {} kept ledger operation(s) in {}; they are applied when the ledger is reachable", items.size(), file);
        }
    }

    /**
     * Keeps an operation.
     *
     * @param op what to do
     * @param holdId the hold
     * @param amount micro-pence (COMMIT)
     * @param account the account
     * @param mode live or test
     * @param key the key (ABANDON_SEND)
     * @param sendId the send id (ABANDON_SEND)
     * @param reference the reference (UNKNOWN)
     * @param channel the channel, or null
     * @return where it was kept
     */
    synchronized Kept offer(Op op, long holdId, long amount, String account, Mode mode, String key, String sendId, String reference,
            Channel channel) {
        if (items.size() >= capacity) {
            return Kept.LOST;
        }
        Item item = new Item(++seq, op, holdId, amount, account, mode, key == null ? "" : key, sendId == null ? "" : sendId,
                reference == null ? "" : reference, channel);
        Kept kept = Kept.MEMORY;
        if (file != null) {
            try {
                append("D " + item.seq() + " " + op + " " + holdId + " " + amount + " " + e(item.account()) + " " + mode + " " + e(item.key())
                        + " " + e(item.sendId()) + " " + e(item.reference()) + " " + e(channel == null ? "" : channel.name()));
                kept = Kept.DISK;
            } catch (IOException ex) {
                LOG.error("Comms could not write {} ({}); the operation is kept in memory only", file, ex.toString());
            }
        }
        items.add(item);
        return kept;
    }

    /**
     * Applies kept operations in order until one cannot be applied because the ledger is still
     * unreachable. The ledger is called without holding this queue's lock, so sends that keep an
     * operation meanwhile never wait for the database; one drain runs at a time.
     *
     * @param applier applies one; returns normally when done (or when the ledger says it is moot), throws
     *     {@link LedgerUnavailableException} when the ledger is still down
     * @return the operations applied
     */
    List<Item> drain(Predicate<Item> applier) {
        if (!draining.tryLock()) {
            return List.of();
        }
        try {
            List<Item> snapshot;
            synchronized (this) {
                if (items.isEmpty()) {
                    return List.of();
                }
                snapshot = new ArrayList<>(items);
            }
            List<Item> applied = new ArrayList<>();
            for (Item item : snapshot) {
                try {
                    applier.test(item);
                } catch (LedgerUnavailableException stillDown) {
                    break;
                }
                applied.add(item);
            }
            synchronized (this) {
                for (Item item : applied) {
                    items.remove(item);
                    if (file != null) {
                        try {
                            append("A " + item.seq());
                        } catch (IOException ex) {
                            LOG.warn("Comms could not record an applied operation in {}; applying it again later changes nothing", file);
                        }
                    }
                }
                if (items.isEmpty() && file != null && !applied.isEmpty()) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                        ch.force(true);
                    } catch (IOException ex) {
                        LOG.debug("Comms could not empty {}: {}", file, ex.toString());
                    }
                }
            }
            return applied;
        } finally {
            draining.unlock();
        }
    }

    /** @return operations waiting */
    synchronized int size() {
        return items.size();
    }

    private void append(String line) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
    }

    private static String e(String s) {
        return s.isEmpty() ? "-" : Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String d(String s) {
        return s.equals("-") ? "" : new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
