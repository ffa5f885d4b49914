package dev.comms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comms command, run in process on the sandbox (the testkit's fake provider). */
class CommsCliTest {
    record Run(int status, List<JsonNode> json, String err) {
        JsonNode first() {
            return json.get(0);
        }
    }

    static Run run(String... args) throws Exception {
        return runWithInput("", args);
    }

    static Run runWithInput(String stdin, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CommsCli.run(args, new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err));
        List<JsonNode> nodes = new ArrayList<>();
        var it = new ObjectMapper().readerFor(JsonNode.class).readValues(out.toString());
        while (it.hasNext()) {
            nodes.add((JsonNode) it.next());
        }
        return new Run(status, nodes, err.toString());
    }

    @Test
    void demoPrintsFourSuccessfulReceiptsThenHealth() throws Exception {
        Run r = run("demo");
        assertThat(r.status()).isZero();
        assertThat(r.json()).hasSize(5);
        List<String> services = new ArrayList<>();
        for (JsonNode n : r.json().subList(0, 4)) {
            assertThat(n.get("success").asBoolean()).isTrue();
            assertThat(n.at("/result/provider").asText()).isEqualTo("fake");
            assertThat(n.at("/result/mode").asText()).isEqualTo("test");
            assertThat(n.at("/result/providerMessageId").asText()).isNotBlank();
            services.add(n.at("/billing/service").asText());
        }
        assertThat(services).containsExactly("sms", "email", "voice", "ai");
        JsonNode health = r.json().get(4);
        assertThat(health.at("/result/state").asText()).isEqualTo("HEALTHY");
        assertThat(health.at("/result/channels")).hasSize(4);
        assertThat(r.json().get(0).at("/result/to").asText()).isEqualTo("+44*******789");
        assertThat(r.json().get(0).at("/billing/costFormatted").asText()).isEqualTo("3p");
        assertThat(r.json().get(0).at("/billing/creditsRemainingFormatted").asText()).isEqualTo("£9.97");
        assertThat(r.json().get(3).at("/billing/costFormatted").asText()).isEqualTo("15p");
    }

    @Test
    void sendSmsReportsSegments() throws Exception {
        Run r = run("send", "sms", "--to", "07123456789", "--region", "GB", "--body", "a".repeat(161));
        assertThat(r.status()).isZero();
        assertThat(r.first().at("/result/segments/count").asInt()).isEqualTo(2);
        assertThat(r.first().at("/result/segments/sizes").toString()).isEqualTo("[153,8]");
        assertThat(r.first().has("timestamp")).isTrue();
    }

    @Test
    void invalidPhoneIsA400WithTheFix() throws Exception {
        Run r = run("send", "sms", "--to", "12345", "--body", "hi");
        assertThat(r.status()).isEqualTo(CommsCli.FAILED);
        JsonNode n = r.first();
        assertThat(n.get("success").asBoolean()).isFalse();
        assertThat(n.get("code").asText()).isEqualTo("INVALID_PHONE");
        assertThat(n.get("status").asInt()).isEqualTo(400);
        assertThat(n.get("message").asText()).containsIgnoringCase("country code");
    }

    @Test
    void providerFailureIsReported() throws Exception {
        Run r = run("send", "sms", "--to", "+447123000002", "--body", "hi");
        assertThat(r.status()).isEqualTo(CommsCli.FAILED);
        assertThat(r.first().get("code").asText()).isEqualTo("PROVIDER_ERROR");
        assertThat(r.first().get("status").asInt()).isEqualTo(502);
    }

    @Test
    void usageErrorsAreJsonToo() throws Exception {
        Run r = run("send", "sms", "--body", "no recipient");
        assertThat(r.status()).isEqualTo(CommsCli.USAGE);
        assertThat(r.first().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(r.first().get("message").asText()).contains("--to");
        assertThat(r.err()).contains("Usage:");
    }

    @Test
    void segmentsCommandWithSmartEncoding() throws Exception {
        Run plain = run("segments", "It’s “done”");
        Run smart = run("segments", "--smart-encoding", "It’s “done”");
        assertThat(plain.first().at("/result/encoding").asText()).isEqualTo("UCS-2");
        assertThat(plain.first().at("/result/ucs2Characters").toString()).isEqualTo("[\"’\",\"“\",\"”\"]");
        assertThat(smart.first().at("/result/encoding").asText()).isEqualTo("GSM-7");
        assertThat(smart.first().at("/result/body").asText()).isEqualTo("It's \"done\"");
    }

    @Test
    void everyChannelCanBeSentFromTheCommandLine() throws Exception {
        assertThat(run("send", "email", "--to", "a@example.com", "--subject", "s", "--text", "t").first()
                .get("success").asBoolean()).isTrue();
        assertThat(run("send", "call", "--to", "4252337837", "--region", "US", "--say", "Hello", "--voice", "Polly.Brian",
                "--menu", "1=Thanks").first().at("/result/callStatus").asText()).isEqualTo("queued");
        assertThat(run("send", "chat", "--user", "Hi", "--model", "gpt-4o").first().at("/result/model").asText())
                .isEqualTo("gpt-4o");
        Run both = run("send", "call", "--to", "+447123456789", "--say", "Hi", "--twiml-url", "https://example.com/t.xml");
        assertThat(both.status()).isEqualTo(CommsCli.USAGE);
    }

    @Test
    void sandboxCreditsFollowTheAccount() throws Exception {
        Run viaOption = run("--account", "acme", "send", "sms", "--to", "+447123456789", "--body", "hi");
        Run viaSetting = run("-Dcomms.account=globex", "send", "sms", "--to", "+447123456789", "--body", "hi");
        assertThat(viaOption.first().at("/result/account").asText()).isEqualTo("acme");
        assertThat(viaOption.first().at("/billing/creditsRemainingFormatted").asText()).isEqualTo("£9.97");
        assertThat(viaSetting.first().at("/result/account").asText()).isEqualTo("globex");
        assertThat(viaSetting.first().get("success").asBoolean()).isTrue();
    }

    @Test
    void liveModeWithoutProviderSettingsIsAConfigurationErrorNamingThem() throws Exception {
        Run r = run("--live", "send", "sms", "--to", "+447123456789", "--body", "hi");
        assertThat(r.status()).isEqualTo(CommsCli.CONFIGURATION);
        assertThat(r.first().get("code").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(r.first().get("status").asInt()).isEqualTo(503);
        assertThat(r.first().get("message").asText()).contains("provider 'twilio' is on the class path but not configured")
                .contains("COMMS_TWILIO_ACCOUNT_SID").doesNotContain("add a provider module");
    }

    @Test
    void aPartlyConfiguredTwilioIsListedOnce() throws Exception {
        Run r = run("--live", "-Dcomms.twilio.account-sid=AC123", "send", "sms", "--to", "+447123456789", "--body", "hi");
        assertThat(r.status()).isEqualTo(CommsCli.CONFIGURATION);
        assertThat(r.first().get("message").asText()).containsOnlyOnce("provider 'twilio' is partly configured");
    }

    @Test
    void aBodyStartingWithADashFromTheOptionAFileOrStandardInput() throws Exception {
        Run attached = run("send", "sms", "--to", "+447123456789", "--body=-hello");
        assertThat(run("send", "sms", "--to", "+447123456789", "--body", "-hello").status()).isZero();
        assertThat(attached.status()).as(attached.toString()).isZero();
        assertThat(attached.first().at("/result/segments/sizes").toString()).isEqualTo("[6]");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("body", ".txt");
        java.nio.file.Files.writeString(file, "-from a file\n");
        Run fromFile = run("send", "sms", "--to", "+447123456789", "--body-file", file.toString());
        assertThat(fromFile.first().at("/result/segments/sizes").toString()).isEqualTo("[12]");
        Run fromStdin = runWithInput("-piped in\n", "send", "sms", "--to", "+447123456789", "--body-file", "-");
        assertThat(fromStdin.first().at("/result/segments/sizes").toString()).isEqualTo("[9]");
        assertThat(run("send", "sms", "--to", "+447123456789").status()).isEqualTo(CommsCli.USAGE);
        Run missing = run("send", "sms", "--to", "+447123456789", "--body-file", file + ".absent");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(CommsCli.USAGE);
        assertThat(missing.first().get("message").asText()).contains("cannot read");
        java.nio.file.Files.delete(file);
    }

    @Test
    void amountsArePlainNumbersAndACallShowsItsHold() throws Exception {
        Run call = run("send", "call", "--to", "+447123456789", "--say", "Hello");
        String json = call.first().toString();
        assertThat(json).doesNotContain("E+");
        assertThat(call.first().at("/billing/held").asInt()).isEqualTo(70);
        assertThat(call.first().at("/billing/heldFormatted").asText()).isEqualTo("70p");
        assertThat(call.first().at("/billing/cost").asInt()).isZero();
        assertThat(call.first().at("/billing/state").asText()).isEqualTo("held");
        assertThat(call.first().at("/billing/creditsRemaining").asInt()).isEqualTo(930);
        assertThat(call.first().at("/billing/creditsRemaining").isIntegralNumber() || json.contains("\"creditsRemaining\":930")).isTrue();
        Run sms = run("send", "sms", "--to", "+447123456789", "--body", "hi");
        assertThat(sms.first().toString()).contains("\"cost\":3,").contains("\"creditsRemaining\":997,").contains("\"state\":\"charged\"");
    }

    @Test
    void smsHelpNamesBothLimits() throws Exception {
        StringWriter out = new StringWriter();
        CommsCli.run(new String[] {"send", "sms", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("1,600 characters").contains("1,530 GSM-7").contains("--body-file");
    }

    @Test
    void versionNamesEachProvidersVersion() throws Exception {
        JsonNode providers = run("version").first().at("/result/providers");
        assertThat(providers).isNotEmpty();
        for (JsonNode p : providers) {
            assertThat(p.get("version").asText()).as(p.get("id").asText()).isNotEqualTo("unknown").matches("\\d+\\.\\d+\\.\\d+.*");
        }
    }

    @Test
    void badConfigurationIsExitThree() throws Exception {
        Run r = run("-Dcomms.retry.max-attempts=lots", "health");
        assertThat(r.status()).isEqualTo(CommsCli.CONFIGURATION);
        assertThat(r.first().get("message").asText()).contains("comms.retry.max-attempts");
    }
}
