package dev.comms;

/**
 * Sends email. {@code comms.email().send(Email.to("ada@example.com").subject("Hi").text("Hello").build())}.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public interface EmailClient extends ChannelClient<Email, EmailReceipt> {
}
