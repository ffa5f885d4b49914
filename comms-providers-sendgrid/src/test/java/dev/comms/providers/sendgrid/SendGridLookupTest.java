package dev.comms.providers.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.Channel;
import dev.comms.Email;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.EmailSender;
import dev.comms.spi.LookupResult;
import dev.comms.spi.OutcomeLookup;
import dev.comms.spi.SendContext;
import dev.comms.spi.SentQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outcome lookups through SendGrid's Email Activity API ({@code GET /v3/messages}) on the real
 * sendgrid-java against the stub. The providers' spec folder has no document for that endpoint (only
 * Mail Send and webhooks), so the request is checked here field by field instead of by conformance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendGridLookupTest {
    static final Instant LAST = SendGridStub.NOW;
    static final SentQuery QUERY = new SentQuery("sendgrid", Channel.EMAIL, "msg_abc", "key_abc", "ada@example.com",
            SentQuery.sha256("Hello"), LAST.minusSeconds(20), LAST);

    final SendGridStub stub = new SendGridStub();

    @AfterAll
    void stop() {
        stub.close();
    }

    EmailSender sender(Duration afterLastAttempt) {
        return new SendGridProvider().emailSender(stub.context(Map.of(), Clock.fixed(LAST.plus(afterLastAttempt), ZoneOffset.UTC)));
    }

    void activity(int status, String body) {
        stub.server.resetAll();
        stub.server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v3/messages")).willReturn(SendGridStub.json(status, body)));
    }

    @Test
    void theEmailIsFoundByOurMessageIdInItsCustomArgsAndOnlyRead() {
        EmailSender sender = sender(Duration.ofMinutes(1));
        try {
            activity(200, "{\"messages\":[{\"from_email\":\"news@example.com\",\"msg_id\":\"sg-msg-0001.filterdrecv-5645d9c87f-6r2ch-1-5DFA3F1E-5.0\","
                    + "\"subject\":\"Hello\",\"to_email\":\"ada@example.com\",\"status\":\"delivered\",\"opens_count\":0,\"clicks_count\":0,"
                    + "\"last_event_time\":\"2026-11-23T10:00:05Z\"}]}");
            assertThat(((OutcomeLookup) sender).lookup(QUERY)).as("the id is what X-Message-Id was on the send")
                    .isEqualTo(new LookupResult.Accepted("sg-msg-0001"));
            assertThat(stub.requests()).singleElement().satisfies(r -> {
                assertThat(r.getMethod().getName()).isEqualTo("GET");
                assertThat(r.queryParameter("query").firstValue()).isEqualTo("unique_args['comms_message_id']=\"msg_abc\"");
                assertThat(r.queryParameter("limit").firstValue()).isEqualTo("10");
                assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SendGridStub.KEY);
            });
        } finally {
            sender.close();
        }
    }

    @Test
    void theArgTheLookupQueriesIsTheOneEverySendCarries() throws Exception {
        // the lookup and the send must agree on the custom arg, or no email is ever found
        EmailSender sender = sender(Duration.ZERO);
        try {
            stub.arrange(dev.comms.testkit.contract.Scenario.ACCEPTED);
            sender.send(Email.builder().from("a@example.com").to("ada@example.com").subject("Hello").text("t").build(), SendContext.of("msg_abc"));
            LoggedRequest send = stub.requests().get(0);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(send.getBodyAsString())
                    .at("/personalizations/0/custom_args/" + SendGridEmail.MESSAGE_ID_ARG).asText()).isEqualTo(QUERY.messageId());
        } finally {
            sender.close();
        }
    }

    @Test
    void withoutTheActivityAddOnTheAnswerIsUnknownAndSaysWhy() {
        EmailSender sender = sender(Duration.ofHours(1));
        try {
            activity(403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}");
            assertThat(((OutcomeLookup) sender).lookup(QUERY)).isInstanceOfSatisfying(LookupResult.Unknown.class,
                    u -> assertThat(u.reason()).contains("add-on").contains("403").contains("committed"));
            activity(404, "{\"errors\":[{\"message\":\"not found\"}]}");
            assertThat(((OutcomeLookup) sender).lookup(QUERY)).isInstanceOfSatisfying(LookupResult.Unknown.class,
                    u -> assertThat(u.reason()).contains("add-on").contains("404"));
        } finally {
            sender.close();
        }
    }

    @Test
    void notListedIsUnknownWhileTheFeedMayLagThenNotAccepted() {
        EmailSender soon = sender(Duration.ofMinutes(2));
        EmailSender later = sender(SendGridEmail.ACTIVITY_LAG.plusMinutes(1));
        try {
            activity(200, "{\"messages\":[]}");
            assertThat(((OutcomeLookup) soon).lookup(QUERY)).isInstanceOf(LookupResult.Unknown.class);
            assertThat(((OutcomeLookup) later).lookup(QUERY)).isEqualTo(new LookupResult.NotAccepted());
            assertThat(stub.requests()).hasSize(2).allSatisfy(r -> assertThat(r.getMethod().getName()).isEqualTo("GET"));
        } finally {
            soon.close();
            later.close();
        }
    }

    @Test
    void aFailedLookupIsAProviderException() {
        EmailSender sender = sender(Duration.ofMinutes(1));
        try {
            activity(429, "{\"errors\":[{\"message\":\"too many requests\"}]}");
            stub.server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v3/messages")).willReturn(SendGridStub.json(429, "{\"errors\":[]}")
                    .withHeader("X-RateLimit-Reset", Long.toString(LAST.plus(Duration.ofMinutes(1)).getEpochSecond() + 30))));
            ProviderException limited = catchThrowableOfType(ProviderException.class, () -> ((OutcomeLookup) sender).lookup(QUERY));
            assertThat(limited.failureClass()).isEqualTo(FailureClass.NOT_SENT);
            assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
            activity(500, "{\"errors\":[{\"message\":\"boom\"}]}");
            assertThat(catchThrowableOfType(ProviderException.class, () -> ((OutcomeLookup) sender).lookup(QUERY)).failureClass())
                    .as("a read can be asked again").isEqualTo(FailureClass.NOT_SENT);
            activity(401, "{\"errors\":[{\"message\":\"The provided authorization grant is invalid\"}]}");
            ProviderException auth = catchThrowableOfType(ProviderException.class, () -> ((OutcomeLookup) sender).lookup(QUERY));
            assertThat(auth.failureClass()).isEqualTo(FailureClass.PERMANENT);
            assertThat(auth.getMessage()).doesNotContain(SendGridStub.KEY);
            activity(200, "<html>proxy</html>");
            assertThat(catchThrowableOfType(ProviderException.class, () -> ((OutcomeLookup) sender).lookup(QUERY)).httpStatus()).isEqualTo(200);
        } finally {
            sender.close();
        }
        EmailSender refused = new SendGridProvider().emailSender(SendGridStub.context(SendGridStub.closedPortUrl()));
        try {
            assertThat(catchThrowableOfType(ProviderException.class, () -> ((OutcomeLookup) refused).lookup(QUERY)).failureClass())
                    .isEqualTo(FailureClass.NOT_SENT);
        } finally {
            refused.close();
        }
    }
}
