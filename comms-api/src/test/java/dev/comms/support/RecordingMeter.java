package dev.comms.support;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.MeterRequest;
import dev.comms.spi.SentQuery;
import dev.comms.spi.Usage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A meter for pipeline tests: 1p a unit, a balance, and a log of what the pipeline asked for. */
public final class RecordingMeter implements CreditMeter {
    /** What happened, in order: "reserve:sms:1", "commit", "release", "abandon", "pending", "unknown", "settle:h1:3". */
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** Requests seen. */
    public final List<MeterRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private long balance;
    /** Throw from commit, to show a failing meter never breaks a send. */
    public volatile boolean failCommit;

    /** @param pence starting balance */
    public RecordingMeter(long pence) {
        this.balance = pence;
    }

    /** @param pence credits to add */
    public synchronized void topUp(long pence) {
        balance += pence;
    }

    /** @return the balance in pence */
    public synchronized long balance() {
        return balance;
    }

    @Override
    public synchronized Hold reserve(MeterRequest request) {
        requests.add(request);
        long amount = request.estimate().units();
        if (amount > balance) {
            throw new InsufficientCreditsException(Money.ofPence(balance), Money.ofPence(amount), request.channel());
        }
        balance -= amount;
        log.add("reserve:" + request.channel().key() + ":" + amount);
        String id = "h" + requests.size();
        return new Hold() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Money amount() {
                return Money.ofPence(amount);
            }

            @Override
            public Billing commit(Usage actual) {
                if (failCommit) {
                    throw new IllegalStateException("meter down");
                }
                synchronized (RecordingMeter.this) {
                    log.add("commit");
                    return Billing.of(Money.ofPence(amount), Money.ofPence(balance));
                }
            }

            @Override
            public void release() {
                synchronized (RecordingMeter.this) {
                    balance += amount;
                    log.add("release");
                }
            }

            @Override
            public void abandon() {
                synchronized (RecordingMeter.this) {
                    balance += amount;
                    log.add("abandon");
                }
            }

            @Override
            public Billing pending() {
                synchronized (RecordingMeter.this) {
                    log.add("pending");
                    return Billing.held(Money.ofPence(amount), Money.ofPence(balance), id);
                }
            }

            @Override
            public void unknown(SentQuery query) {
                synchronized (RecordingMeter.this) {
                    log.add("unknown");
                    queries.add(query);
                }
            }
        };
    }

    /** Queries of holds marked outcome unknown. */
    public final List<SentQuery> queries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized Billing settle(String holdId, String account, Mode mode, Usage actual) {
        log.add("settle:" + holdId + ":" + actual.units());
        return Billing.of(Money.ofPence(actual.units()), Money.ofPence(balance));
    }

    /** @return the channel of the last request */
    public Channel lastChannel() {
        return requests.get(requests.size() - 1).channel();
    }
}
