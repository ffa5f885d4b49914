package dev.comms.testkit.junit;

import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.testkit.FakeAi;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeEmail;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.FakeSleeper;
import dev.comms.testkit.FakeSms;
import dev.comms.testkit.FakeVoice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that gives each test a {@link Comms} on fresh fakes. Parameters of types
 * {@link Comms}, {@link FakeProvider}, {@link FakeSms}, {@link FakeEmail}, {@link FakeVoice},
 * {@link FakeAi}, {@link FakeClock} and {@link FakeSleeper} are injected, all belonging to the same
 * per-test fixture; the facade is closed after the test.
 *
 * <p>The facade ignores {@code comms.properties}, system properties and the environment (tests must
 * not depend on the machine), discovers nothing, and has these defaults, which
 * {@link CommsTest#properties()} overrides: SMS from {@value #SMS_FROM}, email from
 * {@value #EMAIL_FROM}, voice from {@value #VOICE_FROM}. Retry back-off runs on the fake sleeper, so
 * it takes no real time.
 */
public final class CommsExtension implements ParameterResolver, AfterEachCallback {
    /** The default SMS sender id. */
    public static final String SMS_FROM = "CommsTest";
    /** The default email sender. */
    public static final String EMAIL_FROM = "tests@example.com";
    /** The default caller id. */
    public static final String VOICE_FROM = "+14155552671";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CommsExtension.class);

    /** For JUnit. */
    public CommsExtension() {
    }

    /** Everything one test gets. */
    private static final class Fixture {
        final FakeProvider fake = new FakeProvider();
        final FakeClock clock = new FakeClock();
        final FakeSleeper sleeper = new FakeSleeper(clock);
        final Comms comms;

        Fixture(Map<String, String> properties, Mode mode) {
            this.comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake)
                    .properties(properties).mode(mode).clock(clock).sleeper(sleeper).build();
        }
    }

    private static Fixture fixture(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(Fixture.class, k -> create(context), Fixture.class);
    }

    private static Fixture create(ExtensionContext context) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("comms.sms.from", SMS_FROM);
        props.put("comms.email.from", EMAIL_FROM);
        props.put("comms.voice.from", VOICE_FROM);
        Mode mode = Mode.TEST;
        Optional<CommsTest> annotation = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, CommsTest.class));
        if (annotation.isPresent()) {
            for (String p : annotation.get().properties()) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterResolutionException("@CommsTest property '" + p + "' must be key=value");
                }
                props.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
            mode = annotation.get().mode();
        }
        return new Fixture(props, mode);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> t = parameter.getParameter().getType();
        return t == Comms.class || t == FakeProvider.class || t == FakeSms.class || t == FakeEmail.class
                || t == FakeVoice.class || t == FakeAi.class || t == FakeClock.class || t == FakeSleeper.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture f = fixture(context);
        Class<?> t = parameter.getParameter().getType();
        if (t == Comms.class) {
            return f.comms;
        } else if (t == FakeProvider.class) {
            return f.fake;
        } else if (t == FakeSms.class) {
            return f.fake.sms();
        } else if (t == FakeEmail.class) {
            return f.fake.email();
        } else if (t == FakeVoice.class) {
            return f.fake.voice();
        } else if (t == FakeAi.class) {
            return f.fake.ai();
        } else if (t == FakeClock.class) {
            return f.clock;
        } else if (t == FakeSleeper.class) {
            return f.sleeper;
        }
        throw new ParameterResolutionException("CommsExtension cannot supply " + t.getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixture f = context.getStore(NS).remove(Fixture.class, Fixture.class);
        if (f != null) {
            f.comms.close();
        }
    }
}
