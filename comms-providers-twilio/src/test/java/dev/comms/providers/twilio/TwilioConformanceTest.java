package dev.comms.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.Voice;
import dev.comms.VoiceCall;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import dev.comms.testkit.contract.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every request the SDK sent to the stub, validated against Twilio's own OpenAPI document
 * (../shared/provider-specs/twilio_api_v2010.json); skipped, saying so, when it is absent.
 */
class TwilioConformanceTest {
    static Path spec() {
        String shared = System.getProperty("comms.shared.dir", System.getProperty("commsSharedDir", "../../shared"));
        return Path.of(shared, "provider-specs", "twilio_api_v2010.json");
    }

    @Test
    void capturedRequestsConformToTwiliosSpec() {
        Path spec = spec();
        if (!Files.isRegularFile(spec)) {
            System.out.println("Twilio spec not found at " + spec + ": conformance test SKIPPED");
        }
        assumeTrue(Files.isRegularFile(spec), "Twilio spec not found at " + spec + ": skipped");
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                // the validator guesses types in form bodies: To=+44... reads as a number (see provider-specs/README.md);
                // only that, only for the phone-number fields (their string values are asserted in TwilioRequestTest)
                .withWhitelist(ValidationErrorsWhitelist.create().withRule("E.164 numbers in form bodies read as integers",
                        WhitelistRules.allOf(WhitelistRules.messageHasKey("validation.request.body.schema.type"),
                                WhitelistRules.messageContainsRegexp("\\[Path '/(To|From)'\\] Instance type \\(integer\\)"))))
                .build();
        try (TwilioStub stub = new TwilioStub()) {
            // timeouts that survive a loaded machine: this test checks what is sent, not failure classification
            java.util.Map<String, String> relaxed = java.util.Map.of("comms.twilio.timeout", "10s", "comms.twilio.connect-timeout", "5s");
            SmsSender sms = new TwilioProvider().smsSender(stub.context(relaxed, java.time.Clock.systemUTC()));
            VoiceCaller voice = new TwilioProvider().voiceCaller(stub.context(relaxed, java.time.Clock.systemUTC()));
            stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
            sms.send(dev.comms.Sms.to("+447123456789").from("+14155552671").body("Hello & welcome = 100%")
                    .statusCallback("https://example.com/s").build(), SendContext.of("a"));
            sms.send(dev.comms.Sms.to("+447123456789").messagingService("MG00000000000000000000000000000001").body("hi").build(),
                    SendContext.of("b"));
            sms.send(dev.comms.Sms.to("+447123456789").from("AcmeLtd").body("hi").build(), SendContext.of("b2"));
            List<LoggedRequest> smsRequests = stub.server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
            stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
            voice.call(VoiceCall.to("+447123456789").from("+14155552671").say("Hi").voice(Voice.EMMA)
                    .statusCallback("https://example.com/c").build(), SendContext.of("c"));
            voice.call(VoiceCall.to("+447123456789").from("+14155552671").twimlUrl("https://example.com/t.xml").build(), SendContext.of("d"));
            voice.call(VoiceCall.to("+447123456789").from("+14155552671").say("Press 1").menu("1", "ok")
                    .menuCallback("https://example.com/menu").build(), SendContext.of("e"));
            List<LoggedRequest> callRequests = stub.server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
            int checked = 0;
            for (LoggedRequest r : concat(smsRequests, callRequests)) {
                SimpleRequest req = SimpleRequest.Builder.post(r.getUrl())
                        .withContentType(r.getHeader("Content-Type"))
                        .withAuthorization(r.getHeader("Authorization"))
                        .withBody(r.getBodyAsString()).build();
                ValidationReport report = validator.validateRequest(req);
                report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.IGNORE)
                        .forEach(m -> System.out.println("Twilio conformance, whitelisted: " + m.getKey() + " " + m.getMessage()
                                + " " + m.getContext().flatMap(c -> c.getPointers()).map(Object::toString).orElse("")));
                assertThat(report.getMessages()).as("%s %s", r.getUrl(), r.getBodyAsString())
                        .filteredOn(m -> m.getLevel() != ValidationReport.Level.IGNORE).isEmpty();
                checked++;
            }
            // the validator can fail: a Messages.json POST without To is refused by the spec
            ValidationReport bad = validator.validateRequest(SimpleRequest.Builder.post("/2010-04-01/Accounts/" + TwilioStub.SID
                    + "/Messages.json").withContentType("application/x-www-form-urlencoded")
                    .withAuthorization("Basic eDp5").withBody("Body=hi").build());
            assertThat(bad.hasErrors()).as("a request without To must fail validation").isTrue();
            // and the whitelist stays narrow: a non-string in another field is still an error
            ValidationReport badType = validator.validateRequest(SimpleRequest.Builder.post("/2010-04-01/Accounts/" + TwilioStub.SID
                    + "/Calls.json").withContentType("application/x-www-form-urlencoded").withAuthorization("Basic eDp5")
                    .withBody("To=%2B447123456789&From=%2B14155552671&Url=https%3A%2F%2Fexample.com%2Ft&Timeout=soon").build());
            assertThat(badType.hasErrors()).as("Timeout=soon must fail validation").isTrue();
            // the outcome lookups' reads (GET Messages.json and Calls.json with their filters)
            String empty = "{\"messages\":[],\"calls\":[],\"next_page_uri\":null,\"page\":0,\"page_size\":100}";
            stub.arrange("/2010-04-01/Accounts/.*/(Messages|Calls).json", Scenario.ACCEPTED, 200, empty);
            dev.comms.spi.SentQuery q = new dev.comms.spi.SentQuery("twilio", dev.comms.Channel.SMS, "m", "k", "+447123456789",
                    dev.comms.spi.SentQuery.sha256("hi"), java.time.Instant.now(), java.time.Instant.now());
            ((dev.comms.spi.OutcomeLookup) sms).lookup(q);
            ((dev.comms.spi.OutcomeLookup) voice).lookup(q);
            List<LoggedRequest> reads = stub.server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
            assertThat(reads).hasSize(2);
            for (LoggedRequest r : reads) {
                java.net.URI u = java.net.URI.create(r.getUrl());
                SimpleRequest.Builder get = SimpleRequest.Builder.get(u.getPath()).withAuthorization(r.getHeader("Authorization"));
                r.getQueryParams().forEach((name, values) -> get.withQueryParam(name, values.values()));
                ValidationReport report = validator.validateRequest(get.build());
                assertThat(report.getMessages()).as("GET %s", r.getUrl()).filteredOn(m -> m.getLevel() != ValidationReport.Level.IGNORE)
                        .isEmpty();
                checked++;
            }
            ValidationReport badRead = validator.validateRequest(SimpleRequest.Builder.get("/2010-04-01/Accounts/" + TwilioStub.SID
                    + "/Messages.json").withAuthorization("Basic eDp5").withQueryParam("PageSize", "5000").build());
            assertThat(badRead.hasErrors()).as("PageSize=5000 must fail validation").isTrue();
            System.out.println("Twilio conformance: requests validated=" + checked + " against " + spec.getFileName());
            assertThat(checked).isEqualTo(8);
            sms.close();
            voice.close();
        }
    }

    static List<LoggedRequest> concat(List<LoggedRequest> a, List<LoggedRequest> b) {
        List<LoggedRequest> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
