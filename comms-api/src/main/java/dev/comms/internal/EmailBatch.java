package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.BulkResult;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.SendOptions;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SendContext;
import dev.comms.spi.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Many emails through a provider's batch API, each email still on the whole pipeline. Each email of
 * a chunk runs the pipeline on its own thread up to the provider call, where it waits for the others
 * (those refused earlier, by validation, a policy, credits or a limit, leave); the last to arrive makes
 * one batch request per provider for all that arrived, and each email's pipeline then settles its own
 * hold and key by its own result. A batch request that certainly sent nothing is followed by one
 * request per email; an ambiguous one leaves every email in it ambiguous, and a retry of such an email
 * is refused rather than sent alone (the batch may have gone).
 */
final class EmailBatch {
    private EmailBatch() {
    }

    /** One chunk's meeting point. */
    static final class Coordinator {
        private final int size;
        private final String batchId;
        private final String batchKey;
        private final String account;
        private final Mode mode;
        private final Map<Thread, Arrival> arrivals = new LinkedHashMap<>();
        private final Map<Thread, Boolean> done = new IdentityHashMap<>();
        private boolean sent;
        private final Map<Email, Boolean> ambiguous = new IdentityHashMap<>();

        Coordinator(int size, String batchId, String batchKey, String account, Mode mode) {
            this.size = size;
            this.batchId = batchId;
            this.batchKey = batchKey;
            this.account = account;
            this.mode = mode;
        }

        private static final class Arrival {
            final int index;
            final ProviderChannel impl;
            final Email email;
            final SendContext ctx;
            EmailResult result;
            RuntimeException failure;
            boolean fallback;

            Arrival(int index, ProviderChannel impl, Email email, SendContext ctx) {
                this.index = index;
                this.impl = impl;
                this.email = email;
                this.ctx = ctx;
            }
        }

        /** The worker with this index has finished its pipeline (sent, refused, or failed). */
        synchronized void done(Thread worker) {
            done.put(worker, Boolean.TRUE);
            maybeSend();
        }

        /** @return true if this email's batch request had an unknown outcome */
        synchronized boolean ambiguous(Email email) {
            return ambiguous.containsKey(email);
        }

        /** @return true while the batch request has not been made */
        synchronized boolean open() {
            return !sent;
        }

        EmailResult arrive(int index, ProviderChannel impl, Email email, SendContext ctx) {
            Arrival a;
            synchronized (this) {
                a = new Arrival(index, impl, email, ctx);
                arrivals.put(Thread.currentThread(), a);
                maybeSend();
                while (a.result == null && a.failure == null && !a.fallback) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw ProviderException.of(FailureClass.NOT_SENT, impl.id(), "interrupted while waiting for the batch").channel(Channel.EMAIL)
                                .build();
                    }
                }
            }
            if (a.fallback) {
                // the batch request certainly sent nothing: this email goes in its own request
                return ((EmailSender) a.impl).send(a.email, a.ctx);
            }
            if (a.failure != null) {
                throw a.failure;
            }
            return a.result;
        }

        /** Called with the lock held: sends when every worker has arrived or finished. */
        private void maybeSend() {
            if (sent) {
                return;
            }
            int present = arrivals.size();
            for (Thread t : done.keySet()) {
                if (!arrivals.containsKey(t)) {
                    present++;
                }
            }
            if (present < size) {
                return;
            }
            sent = true;
            Map<ProviderChannel, List<Arrival>> byRoute = new LinkedHashMap<>();
            List<Arrival> ordered = new ArrayList<>(arrivals.values());
            ordered.sort((x, y) -> Integer.compare(x.index, y.index));
            for (Arrival a : ordered) {
                byRoute.computeIfAbsent(a.impl, k -> new ArrayList<>()).add(a);
            }
            int group = 0;
            for (Map.Entry<ProviderChannel, List<Arrival>> e : byRoute.entrySet()) {
                List<Arrival> as = e.getValue();
                List<Email> emails = new ArrayList<>();
                Duration timeout = null;
                for (Arrival a : as) {
                    emails.add(a.email);
                    timeout = timeout == null || a.ctx.timeout().compareTo(timeout) < 0 ? a.ctx.timeout() : timeout;
                }
                String key = batchKey + (byRoute.size() > 1 ? "/" + group : "");
                SendContext ctx = new SendContext(batchId, key, account, mode, 1, timeout);
                try {
                    List<EmailResult> results = ((EmailSender) e.getKey()).sendBatch(emails, ctx);
                    if (results == null || results.size() != emails.size()) {
                        throw ProviderException.of(FailureClass.AMBIGUOUS, e.getKey().id(), "the batch answer did not list one result per email")
                                .channel(Channel.EMAIL).build();
                    }
                    for (int i = 0; i < as.size(); i++) {
                        as.get(i).result = results.get(i);
                    }
                } catch (ProviderException pe) {
                    for (Arrival a : as) {
                        if (pe.failureClass() == FailureClass.NOT_SENT) {
                            a.fallback = true;
                        } else {
                            a.failure = pe;
                            if (pe.failureClass() == FailureClass.AMBIGUOUS) {
                                ambiguous.put(a.email, Boolean.TRUE);
                            }
                        }
                    }
                } catch (CommsException input) {
                    for (Arrival a : as) {
                        a.fallback = true; // refused before sending: each email is checked and sent on its own
                    }
                } catch (RuntimeException bug) {
                    ProviderException pe = ProviderException.of(FailureClass.AMBIGUOUS, e.getKey().id(), "the batch request failed "
                            + "unexpectedly (" + bug.getClass().getName() + ")").channel(Channel.EMAIL).cause(bug).build();
                    for (Arrival a : as) {
                        a.failure = pe;
                        ambiguous.put(a.email, Boolean.TRUE);
                    }
                }
                group++;
            }
            notifyAll();
        }
    }

    /** The email channel's part, with the provider call routed through the chunk's coordinator. */
    static final class Ops implements ChannelOps<Email, EmailReceipt, EmailResult> {
        private final EmailOps delegate;
        private final Coordinator coordinator;
        private final ThreadLocal<Integer> index;

        Ops(EmailOps delegate, Coordinator coordinator, ThreadLocal<Integer> index) {
            this.delegate = delegate;
            this.coordinator = coordinator;
            this.index = index;
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public Email prepare(Email message) {
            return delegate.prepare(message);
        }

        @Override
        public Plan plan(Email message) {
            return delegate.plan(message);
        }

        @Override
        public void check(ProviderChannel impl, Email message) {
            delegate.check(impl, message);
        }

        @Override
        public List<String> recipients(Email message) {
            return delegate.recipients(message);
        }

        @Override
        public String recipient(Email message) {
            return delegate.recipient(message);
        }

        @Override
        public String content(Email message) {
            return delegate.content(message);
        }

        @Override
        public EmailResult call(ProviderChannel impl, Email message, SendContext context) {
            if (coordinator.open() && impl.capabilities().contains(dev.comms.spi.Capability.EMAIL_BATCH)) {
                return coordinator.arrive(index.get(), impl, message, context);
            }
            if (coordinator.ambiguous(message)) {
                // the batch request may have delivered it: never send it again on its own
                throw new CommsException(ErrorCode.DELIVERY_UNKNOWN, "this email was part of a batch request whose outcome is unknown; "
                        + "it is not sent again on its own", Channel.EMAIL, impl.id(), null);
            }
            return delegate.call(impl, message, context);
        }

        @Override
        public Usage actual(Email message, Plan plan, EmailResult result) {
            return delegate.actual(message, plan, result);
        }

        @Override
        public EmailReceipt receipt(ReceiptBase base, Email message, Plan plan, EmailResult result, Billing billing) {
            return delegate.receipt(base, message, plan, result, billing);
        }
    }

    /**
     * Runs a list of emails in chunks.
     *
     * @param emails the emails
     * @param options the options (a key becomes key:index per email)
     * @param chunkSize emails per batch request
     * @param runner runs one email's pipeline with the given ops and options
     * @param newId makes a batch id
     * @param account the account
     * @param mode the mode
     * @return the receipts and failures
     */
    static BulkResult<EmailReceipt> run(List<Email> emails, SendOptions options, int chunkSize, EmailOps ops,
            BiFunction<ChannelOps<Email, EmailReceipt, EmailResult>, Map.Entry<Email, SendOptions>, EmailReceipt> runner,
            java.util.function.Supplier<String> newId, String account, Mode mode) {
        String baseKey = options.idempotencyKey().orElse(null);
        if (baseKey != null && baseKey.length() > 255 - 7) {
            throw new dev.comms.InvalidMessageException(ErrorCode.INVALID_MESSAGE, "idempotencyKey", "a batch's idempotency key becomes "
                    + "one key per email (key:index): keep it to 248 characters", Channel.EMAIL);
        }
        int n = emails.size();
        EmailReceipt[] receipts = new EmailReceipt[n];
        CommsException[] failures = new CommsException[n];
        ThreadLocal<Integer> index = new ThreadLocal<>();
        for (int from = 0, chunk = 0; from < n; from += chunkSize, chunk++) {
            int to = Math.min(n, from + chunkSize);
            String batchId = newId.get();
            Coordinator c = new Coordinator(to - from, batchId, baseKey == null ? batchId : baseKey + ":batch:" + chunk, account, mode);
            Ops batchOps = new Ops(ops, c, index);
            List<Thread> workers = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int idx = i;
                Thread t = new Thread(() -> {
                    index.set(idx);
                    try {
                        SendOptions o = baseKey == null ? options : options.withIdempotencyKey(baseKey + ":" + idx);
                        receipts[idx] = runner.apply(batchOps, Map.entry(emails.get(idx), o));
                    } catch (CommsException e) {
                        failures[idx] = e;
                    } catch (RuntimeException e) {
                        failures[idx] = new CommsException(ErrorCode.INVALID_MESSAGE, "email " + idx + ": " + e.getMessage(), Channel.EMAIL,
                                null, e);
                    } finally {
                        c.done(Thread.currentThread());
                    }
                }, "comms-batch-" + idx);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<EmailReceipt> sent = new ArrayList<>();
        Map<Integer, CommsException> failed = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (receipts[i] != null) {
                sent.add(receipts[i]);
            } else {
                failed.put(i, failures[i] != null ? failures[i] : new CommsException(ErrorCode.INTERNAL_ERROR, "email " + i
                        + " was not sent: the batch was interrupted", Channel.EMAIL, null, null));
            }
        }
        return new BulkResult<>(sent, failed);
    }
}
