package dev.comms.testkit.assertj;

import dev.comms.testkit.FakeChannel;
import dev.comms.testkit.Sent;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over a fake's outbox, shared by the four channels.
 *
 * @param <S> the concrete assertion type
 * @param <M> the message type
 */
public abstract class OutboxAssert<S extends OutboxAssert<S, M>, M> extends AbstractAssert<S, FakeChannel<M, ?>> {
    OutboxAssert(FakeChannel<M, ?> actual, Class<?> self) {
        super(actual, self);
    }

    /**
     * @param count how many messages the fake must have accepted
     * @return this
     */
    public S hasSent(int count) {
        isNotNull();
        int n = actual.sent().size();
        if (n != count) {
            failWithMessage("Expected the fake %s outbox to hold %d message(s) but it holds %d (requests received: %d)",
                    actual.channel().key(), count, n, actual.requests());
        }
        return myself;
    }

    /** @return this, if the fake accepted nothing */
    public S hasNothingSent() {
        return hasSent(0);
    }

    /**
     * @param count how many requests (accepted or failed) the fake must have received
     * @return this
     */
    public S hasReceivedRequests(int count) {
        isNotNull();
        if (actual.requests() != count) {
            failWithMessage("Expected the fake %s to have received %d request(s) but it received %d",
                    actual.channel().key(), count, actual.requests());
        }
        return myself;
    }

    /**
     * @param description what the predicate checks, for the failure message
     * @param predicate a condition on a message
     * @return this, if at least one accepted message meets it
     */
    public S hasSentMatching(String description, Predicate<? super M> predicate) {
        isNotNull();
        if (actual.messages().stream().noneMatch(predicate)) {
            failWithMessage("Expected the fake %s to have sent a message that %s, but none of its %d did",
                    actual.channel().key(), description, actual.sent().size());
        }
        return myself;
    }

    /**
     * @param description what the predicate checks
     * @param predicate a condition every accepted message must meet
     * @return this
     */
    public S allMatch(String description, Predicate<? super M> predicate) {
        isNotNull();
        List<M> all = actual.messages();
        for (int i = 0; i < all.size(); i++) {
            if (!predicate.test(all.get(i))) {
                failWithMessage("Expected every message of the fake %s to %s, but message #%d does not",
                        actual.channel().key(), description, i + 1);
            }
        }
        return myself;
    }

    /** @return the last accepted message, failing if there is none */
    protected M last() {
        isNotNull();
        return actual.last().map(Sent::message).orElseGet(() -> {
            failWithMessage("Expected the fake %s to have sent a message but it sent none", actual.channel().key());
            return null;
        });
    }
}
