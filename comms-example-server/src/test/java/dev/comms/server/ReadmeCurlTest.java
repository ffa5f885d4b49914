package dev.comms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The curl commands of README's "Example server" section, parsed from the file and sent with the JDK
 * HttpClient to this test's server (localhost:8080 becomes 127.0.0.1 and the random port): each must
 * answer 200 with JSON, so the README cannot drift from the server.
 */
class ReadmeCurlTest extends SandboxServerTest {
    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../README.md").normalize();

    static List<String> commands() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("## Example server");
        assertThat(section).as("README has an 'Example server' section").isNotNegative();
        Matcher m = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(readme);
        assertThat(m.find(section)).as("a ```sh block in it").isTrue();
        List<String> out = new ArrayList<>();
        for (String line : m.group(1).split("\n")) {
            if (line.startsWith("curl ")) {
                out.add(line);
            }
        }
        return out;
    }

    /** Shell words: single-quoted strings kept whole, a word starting with # ends the command. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                w = w == null ? new StringBuilder() : w;
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else {
                if (w == null && c == '#') {
                    break;
                }
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void everyCurlCommandOfTheReadmeAnswers200WithJson() throws Exception {
        List<String> commands = commands();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(12);
        String callId = null;
        for (String command : commands) {
            List<String> words = words(command);
            String url = null;
            String data = null;
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < words.size(); i++) {
                switch (words.get(i)) {
                    case "-s" -> {
                    }
                    case "-H" -> {
                        String h = words.get(++i);
                        headers.add(new String[] {h.substring(0, h.indexOf(':')).strip(), h.substring(h.indexOf(':') + 1).strip()});
                    }
                    case "-d" -> data = words.get(++i);
                    default -> url = words.get(i);
                }
            }
            assertThat(url).as(command).startsWith("localhost:8080/");
            if (url.contains("$CALL_ID")) {
                assertThat(callId).as("a Voice2Phone call placed before " + command).isNotNull();
                url = url.replace("$CALL_ID", callId);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replace("localhost:8080", "http://127.0.0.1:" + port)))
                    .timeout(Duration.ofSeconds(15));
            headers.forEach(h -> b.header(h[0], h[1]));
            b.method(data == null ? "GET" : "POST", data == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(data));
            Http.Response r = http().send(b.build());
            assertThat(r.status()).as(command + "\n-> " + r).isEqualTo(200);
            if (url.endsWith("/voice2phone/call")) {
                callId = r.at("/CallId").asString();
            }
        }
    }
}
