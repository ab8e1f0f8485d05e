package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance on a planted leak: responses served to two accounts, reformatted, mixed with unrelated text. */
class ProvenanceTracerTest {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "ta", "sol", "vi", "du", "par", "en", "go",
            "ist", "ul", "bra", "ne", "cor", "fa", "zi", "mon", "te"};

    private static String text(Random rng, int words) {
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words; w++) {
            int length = 1 + rng.nextInt(3);
            for (int s = 0; s < length; s++) {
                out.append(SYLLABLES[rng.nextInt(SYLLABLES.length)]);
            }
            out.append(w % 12 == 11 ? ". " : " ");
        }
        return out.toString();
    }

    /** What a dataset builder does to a response: case, line breaks and punctuation changed, sometimes cut. */
    private static String reformat(String text, Random rng) {
        String out = text.toUpperCase(Locale.ROOT).replace(". ", ".\n\n").replace(" ", rng.nextBoolean() ? "  " : " ");
        return rng.nextInt(10) == 0 ? out.substring(0, out.length() * 3 / 4) : out;
    }

    @Test
    void aPlantedLeakIsTracedToTheAccountsThatReceivedIt(@TempDir Path dir) throws IOException {
        Random rng = new Random(42);
        List<ResponseFingerprint> stored = new ArrayList<>();
        List<String> leakedFromX = new ArrayList<>();
        List<String> leakedFromY = new ArrayList<>();
        String common = "Here is a general overview of the topic that many people ask about, with the usual caveats "
                + "about checking sources and consulting a professional before acting on any of it.";
        Instant ts = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < 4_000; i++) {
            String account = "acct_" + (i % 50);
            String org = account.equals("acct_7") || account.equals("acct_8") ? "org_hydra_" + account : "org_" + account;
            String response = i % 97 == 0 ? common : text(rng, 40 + rng.nextInt(80));
            UsageEvent event = TestEvents.event(org, ts.plusSeconds(i)).id("evt_p" + i).answer(response).build();
            ResponseFingerprint.of(event).ifPresent(fp -> stored.add(new ResponseFingerprint(fp.eventId(), org, account,
                    fp.ts(), ResponseFingerprint.decodeBins(fp.encodedBins()))));
            if (account.equals("acct_7") && leakedFromX.size() < 60 && i % 97 != 0) {
                leakedFromX.add(response);
            } else if (account.equals("acct_8") && leakedFromY.size() < 30 && i % 97 != 0) {
                leakedFromY.add(response);
            }
        }
        Path dataset = dir.resolve("leak.jsonl");
        List<String> lines = new ArrayList<>();
        for (String response : leakedFromX) {
            lines.add("{\"prompt\":\"q\",\"response\":" + quote(reformat(response, rng)) + "}");
        }
        for (String response : leakedFromY) {
            lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":"
                    + quote(response) + "}]}");
        }
        for (int i = 0; i < 100; i++) {
            lines.add("{\"completion\":" + quote(text(new Random(10_000 + i), 60)) + "}");
        }
        lines.add("{\"response\":" + quote(common) + "}");
        Files.write(dataset, lines);

        ProvenanceTracer tracer = new ProvenanceTracer();
        long items = LeakedDatasetReader.read(dataset, tracer::addDatasetItem);
        stored.forEach(tracer::accept);
        ProvenanceReport report = tracer.report(Map.of("org_hydra_acct_7", "cl_1", "org_hydra_acct_8", "cl_1"));

        assertThat(items).isEqualTo(191);
        assertThat(report.fingerprinted()).isEqualTo(191);
        ProvenanceReport.Attribution top = report.accounts().get(0);
        assertThat(top.id()).isEqualTo("acct_7");
        assertThat(top.matchedItems()).isBetween(58, 61);
        assertThat(top.confidence()).isGreaterThan(0.8);
        assertThat(report.accounts().get(1).id()).isEqualTo("acct_8");
        assertThat(report.accounts().get(1).matchedItems()).isBetween(29, 31);
        // the common answer was served to many accounts: nobody else gets more than a sliver of the dataset
        assertThat(report.accounts().subList(2, report.accounts().size()))
                .allSatisfy(a -> assertThat(a.attributedItems()).isLessThan(1.0));
        assertThat(report.clusters().get(0).id()).isEqualTo("cl_1");
        assertThat(report.clusters().get(0).attributedItems()).isGreaterThan(88);
        assertThat(report.matched()).isLessThanOrEqualTo(91);
    }

    @Property(tries = 50)
    void aTextAlwaysMatchesItselfAndItsReformatting(@ForAll @StringLength(min = 200, max = 600) String seedText) {
        String text = text(new Random(seedText.hashCode()), 50);
        short[] a = ResponseFingerprint.signature(text).orElseThrow();
        short[] b = ResponseFingerprint.signature(text.toUpperCase(Locale.ROOT).replace(" ", "\n")).orElseThrow();
        ResponseFingerprint fp = new ResponseFingerprint("e", "o", "a", Instant.EPOCH, a);
        assertThat(fp.similarity(b)).isEqualTo(1.0);
        assertThat(ResponseFingerprint.decodeBins(fp.encodedBins())).isEqualTo(a);
    }

    @Test
    void shortTextsAreNotFingerprinted() {
        assertThat(ResponseFingerprint.signature("Sure, happy to help!")).isEmpty();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
