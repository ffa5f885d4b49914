/**
 * Fakes of every channel for tests and for the sandbox of test mode: {@link dev.comms.testkit.FakeProvider}
 * (provider id {@code fake}) with outboxes, scripted {@link dev.comms.testkit.Outcome outcomes},
 * {@link dev.comms.testkit.MagicRecipients magic recipients}, a {@link dev.comms.testkit.FakeClock} and a
 * {@link dev.comms.testkit.FakeSleeper}.
 *
 * <p>Dependencies: only comms-api at run time. JUnit 5 (for {@code dev.comms.testkit.junit} and the
 * contract kit) and AssertJ (for {@code dev.comms.testkit.assertj}) are optional: the fakes double as
 * the CLI's sandbox, which must not drag a test framework onto a production class path. AssertJ was
 * chosen over Hamcrest for the assertions because its fluent, typed style is what the rest of the
 * project's tests use and it reports the failing value without extra matchers.
 */
package dev.comms.testkit;
