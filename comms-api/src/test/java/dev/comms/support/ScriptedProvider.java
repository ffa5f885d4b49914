package dev.comms.support;

import dev.comms.CallStatus;
import dev.comms.Channel;
import dev.comms.ChatRequest;
import dev.comms.DeliveryStatus;
import dev.comms.Email;
import dev.comms.Sms;
import dev.comms.TokenUsage;
import dev.comms.VoiceCall;
import dev.comms.spi.CallResult;
import dev.comms.spi.Capability;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.ProviderContext;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A minimal in-test provider for comms-api's own tests (the real fakes live in comms-testkit,
 * which depends on this module). Each call either runs the next scripted action or succeeds.
 */
public class ScriptedProvider implements CommsProvider {
    private final String id;
    private final Set<Channel> channels;
    private final Set<Capability> capabilities;
    private final List<ConfigKey> keys;
    /** Scripted actions, one per call; each may throw. */
    public final ConcurrentLinkedQueue<Supplier<RuntimeException>> script = new ConcurrentLinkedQueue<>();
    /** Calls made, all channels. */
    public final AtomicInteger calls = new AtomicInteger();
    /** Contexts seen, in order. */
    public final List<SendContext> contexts = Collections.synchronizedList(new ArrayList<>());
    /** What {@code check} throws for a message, or null to accept it (all channels). */
    public volatile java.util.function.Function<Object, RuntimeException> check = m -> null;
    /** Number of channel instances closed. */
    public final AtomicInteger closed = new AtomicInteger();

    /** Needed by ServiceLoader: id "scripted", SMS only. */
    public ScriptedProvider() {
        this("scripted", EnumSet.of(Channel.SMS), EnumSet.allOf(Capability.class), List.of());
    }

    /**
     * @param id the id
     * @param channels channels served
     * @param capabilities capabilities declared
     * @param keys config keys declared
     */
    public ScriptedProvider(String id, Set<Channel> channels, Set<Capability> capabilities, List<ConfigKey> keys) {
        this.id = id;
        this.channels = channels;
        this.capabilities = capabilities;
        this.keys = keys;
    }

    /** @param id id @param channels channels @return a provider with every capability and no keys */
    public static ScriptedProvider of(String id, Channel... channels) {
        EnumSet<Channel> set = EnumSet.noneOf(Channel.class);
        Collections.addAll(set, channels);
        return new ScriptedProvider(id, set, EnumSet.allOf(Capability.class), List.of());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Channel> channels() {
        return channels;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return keys;
    }

    private void runCheck(Object message) {
        RuntimeException e = check.apply(message);
        if (e != null) {
            throw e;
        }
    }

    /**
     * Throws any throwable without declaring it, as Kotlin code and sneaky-throw helpers do.
     *
     * @param t what to throw
     * @param <T> the type the compiler is told
     * @return never returns
     * @throws T always
     */
    @SuppressWarnings("unchecked")
    public static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private void step(SendContext ctx) {
        calls.incrementAndGet();
        contexts.add(ctx);
        Supplier<RuntimeException> next = script.poll();
        if (next != null) {
            RuntimeException e = next.get();
            if (e != null) {
                throw e;
            }
        }
    }

    abstract class Base implements dev.comms.spi.ProviderChannel {
        @Override
        public String id() {
            return id;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Override
    public SmsSender smsSender(ProviderContext context) {
        class S extends Base implements SmsSender {
            @Override
            public void check(Sms sms) {
                runCheck(sms);
            }

            @Override
            public SmsResult send(Sms sms, SendContext ctx) {
                step(ctx);
                return new SmsResult(id + "-sms-" + calls.get(), DeliveryStatus.QUEUED, 0);
            }
        }
        return new S();
    }

    @Override
    public EmailSender emailSender(ProviderContext context) {
        class E extends Base implements EmailSender {
            @Override
            public void check(Email email) {
                runCheck(email);
            }

            @Override
            public EmailResult send(Email email, SendContext ctx) {
                step(ctx);
                return new EmailResult(id + "-email-" + calls.get(), DeliveryStatus.QUEUED);
            }
        }
        return new E();
    }

    @Override
    public VoiceCaller voiceCaller(ProviderContext context) {
        class V extends Base implements VoiceCaller {
            @Override
            public void check(VoiceCall call) {
                runCheck(call);
            }

            @Override
            public CallResult call(VoiceCall call, SendContext ctx) {
                step(ctx);
                return new CallResult(id + "-call-" + calls.get(), CallStatus.QUEUED);
            }
        }
        return new V();
    }

    @Override
    public ChatCompleter chatCompleter(ProviderContext context) {
        class C extends Base implements ChatCompleter {
            @Override
            public ChatResult complete(ChatRequest request, SendContext ctx) {
                step(ctx);
                return new ChatResult(id + "-chat-" + calls.get(), "hello", request.model().orElse("?"), new TokenUsage(3, 1, 4), "stop");
            }
        }
        return new C();
    }
}
