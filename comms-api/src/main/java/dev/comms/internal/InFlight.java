package dev.comms.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sends in flight in one facade, counted in cells chosen by thread, so threads sending at once do not
 * write one shared counter (a cache line bouncing between cores on every send).
 *
 * <p>{@link #enter()} returns the cell it counted in, and {@link #leave(int)} takes it back there, even
 * from another thread (a queued {@code sendAsync}); so no cell ever goes below zero, and a
 * {@link #sum()} read while sends come and go may count a send that just left but never misses one
 * that entered before the read began: what {@code close()} needs to wait for every send it admitted.
 */
final class InFlight {
    private static final int CELLS = 16;
    /** Longs between two cells: 128 bytes, so two cells never share a cache line (or its neighbour). */
    private static final int PAD = 16;

    private final AtomicLongArray cells = new AtomicLongArray(CELLS * PAD);

    /** @return the cell counted in: give it to {@link #leave(int)} */
    int enter() {
        long id = Thread.currentThread().getId();
        int cell = (int) ((id * 0x9E3779B97F4A7C15L) >>> 60) & (CELLS - 1);
        cells.getAndIncrement(cell * PAD);
        return cell;
    }

    /** @param cell what {@link #enter()} returned */
    void leave(int cell) {
        cells.getAndDecrement(cell * PAD);
    }

    /** @return sends in flight now */
    long sum() {
        long n = 0;
        for (int i = 0; i < CELLS; i++) {
            n += cells.get(i * PAD);
        }
        return n;
    }
}
