package dev.moat.detect;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Which accounts, organisations and clusters produced how much of a leaked dataset ({@code moat trace}).
 *
 * @param datasetItems  items read from the dataset
 * @param fingerprinted items long enough to trace
 * @param matched       items that matched at least one stored response
 * @param fingerprintsCompared stored fingerprints streamed through the tracer
 */
public record ProvenanceReport(
        int datasetItems,
        int fingerprinted,
        int matched,
        long fingerprintsCompared,
        List<Attribution> accounts,
        List<Attribution> orgs,
        List<Attribution> clusters) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public ProvenanceReport {
        accounts = List.copyOf(accounts);
        orgs = List.copyOf(orgs);
        clusters = List.copyOf(clusters);
    }

    /**
     * One principal's share of the dataset.
     *
     * @param matchedItems    dataset items that matched a response it received
     * @param attributedItems the same, with items matched by several principals shared between them
     * @param share           attributed items over fingerprinted items
     * @param meanSimilarity  mean estimated Jaccard similarity of its matches
     * @param confidence      in [0,1]; see {@link ProvenanceTracer}
     * @param exampleEvents   a few of its events whose responses appear in the dataset
     */
    public record Attribution(String id, int matchedItems, double attributedItems, double share,
                              double meanSimilarity, double confidence, List<String> exampleEvents) {
        public Attribution {
            exampleEvents = List.copyOf(exampleEvents);
        }
    }

    public void writeJson(OutputStream out) {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("dataset_items", datasetItems);
            json.writeNumberField("fingerprinted", fingerprinted);
            json.writeNumberField("matched", matched);
            json.writeNumberField("fingerprints_compared", fingerprintsCompared);
            write(json, "accounts", accounts);
            write(json, "orgs", orgs);
            write(json, "clusters", clusters);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator json, String field, List<Attribution> attributions) throws IOException {
        json.writeArrayFieldStart(field);
        for (Attribution a : attributions) {
            json.writeStartObject();
            json.writeStringField("id", a.id());
            json.writeNumberField("matched_items", a.matchedItems());
            json.writeNumberField("attributed_items", Math.round(a.attributedItems() * 100) / 100.0);
            json.writeNumberField("share", Math.round(a.share() * 10_000) / 10_000.0);
            json.writeNumberField("mean_similarity", Math.round(a.meanSimilarity() * 1000) / 1000.0);
            json.writeNumberField("confidence", Math.round(a.confidence() * 1000) / 1000.0);
            json.writeArrayFieldStart("example_events");
            for (String id : a.exampleEvents()) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
