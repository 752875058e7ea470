package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay's figures as the server serves them at {@code /metrics}, in Prometheus' text format:
 * a metric's value by its name, summed over its label sets, or over those with one label's value.
 * A metric that is not there (a counter never incremented) counts as 0.
 */
public final class Metrics {
    /** One line: {@code name{label="value",...} 1.0}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Metrics(List<Sample> samples) {
        this.samples = samples;
    }

    /** The server's metrics now. */
    static Metrics scrape(URL base) {
        return scrape(RelayDeployment.httpBase(base));
    }

    /** The metrics of the relay at {@code httpBase}, such as {@code http://127.0.0.1:8080}. */
    public static Metrics scrape(String httpBase) {
        try {
            HttpResponse<String> response = WsPeer.PLAIN_HTTP.send(HttpRequest.newBuilder(
                    URI.create(httpBase + "/metrics")).header("Accept", "text/plain")
                    .timeout(WsPeer.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), () -> "GET /metrics: " + response.body());
            return parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Metrics parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(sample(trimmed));
            }
        }
        return new Metrics(samples);
    }

    /** The sum of every sample of this metric, which must be there (a gauge is, from the start). */
    public double value(String name) {
        List<Sample> found = samples.stream().filter(sample -> sample.name().equals(name)).toList();
        if (found.isEmpty()) {
            throw new AssertionError("no metric " + name + " among " + samples.stream().map(Sample::name).distinct().toList());
        }
        return found.stream().mapToDouble(Sample::value).sum();
    }

    /** The sum of the samples of this metric whose {@code label} is {@code labelValue}; 0 if none (a counter not yet counted). */
    double value(String name, String label, String labelValue) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && labelValue.equals(sample.labels().get(label)))
                .mapToDouble(Sample::value).sum();
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        // The value, then perhaps a timestamp.
        String[] fields = line.substring(rest).trim().split("\\s+");
        return new Sample(name, labels, Double.parseDouble(fields[0]));
    }

    /** Reads {@code a="x",b="y\"z"}} from {@code at}, just past the brace; returns where the closing brace ends. */
    private static int labels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String label = line.substring(i, equals).trim();
            if (line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("label value not quoted: " + line);
            }
            StringBuilder value = new StringBuilder();
            i = equals + 2;
            for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                if (c == '\\') {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            i++;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }
}
