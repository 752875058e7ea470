package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The relay's {@code GET /metrics} (Payara's MicroProfile Metrics, in the Prometheus text format),
 * read one metric at a time.
 */
final class RelayMetrics {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String text;

    private RelayMetrics(String text) {
        this.text = text;
    }

    static RelayMetrics scrape(RelayProcess relay) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(relay.httpBase() + "/metrics"))
                .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered HTTP " + response.statusCode());
        }
        return new RelayMetrics(response.body());
    }

    /**
     * The value of the metric called exactly {@code name}, summed over its label sets (such as
     * {@code mp_scope}); empty when the relay has no such metric.
     */
    OptionalDouble value(String name) {
        return value(text, name);
    }

    static OptionalDouble value(String text, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            String sample;
            if (rest.startsWith("{")) {
                // A label's value may hold spaces and braces inside its quotes.
                int close = endOfLabels(rest);
                if (close < 0) {
                    continue;
                }
                sample = rest.substring(close + 1);
            } else if (rest.startsWith(" ") || rest.startsWith("\t")) {
                sample = rest;
            } else {
                continue; // another metric whose name starts with this one's
            }
            String[] fields = sample.trim().split("\\s+"); // the value, then perhaps a timestamp
            sum += Double.parseDouble(fields[0]);
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static int endOfLabels(String rest) {
        boolean quoted = false;
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '}') {
                return i;
            }
        }
        return -1;
    }
}
