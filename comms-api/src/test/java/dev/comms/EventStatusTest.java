package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.event.EventStatus;
import org.junit.jupiter.api.Test;

/** The one event model's statuses: hosted wire names, and a terminal status never moves back. */
class EventStatusTest {
    @Test
    void wireNamesAreTheHostedApis() {
        assertThat(EventStatus.SMS_DELIVERED.wireName()).isEqualTo("sms.delivered");
        assertThat(EventStatus.CALL_COMPLETED.wireName()).isEqualTo("call.completed");
        assertThat(EventStatus.CALL_NO_ANSWER.wireName()).isEqualTo("call.no_answer");
        assertThat(EventStatus.EMAIL_BOUNCED.wireName()).isEqualTo("email.bounced");
        assertThat(EventStatus.UNKNOWN.wireName()).isEqualTo("unknown");
    }

    @Test
    void aTerminalStatusIsNeverMovedBackOrReplaced() {
        assertThat(EventStatus.SMS_SENT.advances(EventStatus.SMS_QUEUED)).isTrue();
        assertThat(EventStatus.SMS_DELIVERED.advances(EventStatus.SMS_SENT)).isTrue();
        assertThat(EventStatus.SMS_SENT.advances(EventStatus.SMS_FAILED)).as("a late sent after failed").isFalse();
        assertThat(EventStatus.SMS_DELIVERED.advances(EventStatus.SMS_FAILED)).as("one outcome for another").isFalse();
        assertThat(EventStatus.SMS_SENT.advances(EventStatus.SMS_DELIVERED)).isFalse();
        assertThat(EventStatus.CALL_RINGING.advances(EventStatus.CALL_COMPLETED)).isFalse();
        assertThat(EventStatus.CALL_COMPLETED.advances(EventStatus.CALL_ANSWERED)).isTrue();
        assertThat(EventStatus.EMAIL_OPENED.advances(EventStatus.EMAIL_DELIVERED)).isTrue();
        assertThat(EventStatus.EMAIL_DELIVERED.advances(EventStatus.EMAIL_OPENED)).isFalse();
        assertThat(EventStatus.EMAIL_BOUNCED.advances(EventStatus.EMAIL_DEFERRED)).isTrue();
        assertThat(EventStatus.EMAIL_DELIVERED.advances(EventStatus.EMAIL_BOUNCED)).isFalse();
        assertThat(EventStatus.UNKNOWN.advances(EventStatus.SMS_SENT)).isFalse();
        assertThat(EventStatus.SMS_SENT.advances(null)).isTrue();
    }
}
