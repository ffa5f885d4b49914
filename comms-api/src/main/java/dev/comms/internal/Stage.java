package dev.comms.internal;

import dev.comms.Receipt;
import java.util.List;

/**
 * One stage of the send pipeline: it does its one job on the {@link Send}, calls the rest of the
 * chain, and undoes or settles its own part when the rest fails. OkHttp's interceptor chain is the
 * model: the {@link Pipeline} is the only place that knows the order.
 */
interface Stage {
    /**
     * @param send the send's state
     * @param next the rest of the chain
     * @param <M> message type
     * @param <R> receipt type
     * @param <X> provider result type
     */
    <M, R extends Receipt, X> void run(Send<M, R, X> send, Chain next);

    /** The stages after the current one. */
    final class Chain {
        private final List<Stage> stages;
        private final int index;

        Chain(List<Stage> stages, int index) {
            this.stages = stages;
            this.index = index;
        }

        /**
         * Runs the next stage (which runs the ones after it).
         *
         * @param send the send
         * @param <M> message type
         * @param <R> receipt type
         * @param <X> provider result type
         */
        <M, R extends Receipt, X> void proceed(Send<M, R, X> send) {
            if (index < stages.size()) {
                stages.get(index).run(send, new Chain(stages, index + 1));
            }
        }
    }
}
