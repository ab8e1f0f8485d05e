package dev.moat.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a simulation as files: the events (one JSON object per line, {@link UsageEventCodec}'s
 * format), the organisation file {@code moat analyze --orgs} reads (one {@link OrgProfile} per line:
 * {@code org_id, created_at, country, tier, payment_fingerprint, email_domain, signup_ip}), and the
 * ground-truth labels.
 *
 * <p>The labels file is JSON lines of three types, in this order:
 * <pre>
 * {"type":"scenario","name":"mixed","seed":1,"start":"…","duration":"PT168H","scale":1.0,"content":true}
 * {"type":"org","org_id":"org_…","kind":"hydra","label":"campaign","campaign_id":"camp_hydra_1","mixed":false}
 * {"type":"event","id":"evt_…","org_id":"org_…","campaign_id":"camp_reseller_1"}
 * </pre>
 * An org line's {@code label} is {@code benign} (with {@code campaign_id} null) or {@code campaign};
 * every event of a campaign organisation that is not {@code mixed} is campaign traffic. An
 * organisation is {@code mixed} when ordinary and campaign traffic share it (a reseller, a partner
 * whose key leaked); for those, an event line names each campaign exchange and their other events
 * are ordinary.
 *
 * <p>Output streams are flushed, not closed: they belong to the caller. Not thread-safe.
 */
public final class TrafficWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private TrafficWriter() {
    }

    /**
     * Drains the simulation's events into {@code events}, and writes its organisations and labels when
     * those streams are given.
     *
     * @return the number of events written
     */
    public static long write(Simulation simulation, OutputStream events, Optional<OutputStream> orgs,
                             Optional<OutputStream> labels) {
        try {
            if (orgs.isPresent()) {
                writeOrgs(simulation, orgs.get());
            }
            JsonGenerator labelOut = labels.isPresent() ? lines(labels.get()) : null;
            Set<String> mixedOrgs = new HashSet<>();
            if (labelOut != null) {
                writeLabelHeader(simulation, labelOut);
                simulation.orgs().stream().filter(SimulatedOrg::mixed).forEach(org -> mixedOrgs.add(org.orgId()));
            }
            long written = 0;
            try (JsonGenerator eventOut = lines(events)) {
                while (simulation.hasNext()) {
                    SimulatedEvent simulated = simulation.next();
                    UsageEventCodec.write(simulated.event(), eventOut);
                    eventOut.writeRaw('\n');
                    written++;
                    if (labelOut != null && simulated.harvesting() && mixedOrgs.contains(simulated.event().orgId())) {
                        labelOut.writeStartObject();
                        labelOut.writeStringField("type", "event");
                        labelOut.writeStringField("id", simulated.event().id());
                        labelOut.writeStringField("org_id", simulated.event().orgId());
                        labelOut.writeStringField("campaign_id", simulated.campaignId().orElseThrow());
                        labelOut.writeEndObject();
                        labelOut.writeRaw('\n');
                    }
                }
            }
            if (labelOut != null) {
                labelOut.close();
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated traffic: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the simulation to files (created or replaced): the events, and the organisation and
     * labels files when their paths are given.
     *
     * @return the number of events written
     */
    public static long write(Simulation simulation, Path events, Optional<Path> orgs, Optional<Path> labels) {
        try (OutputStream eventOut = new BufferedOutputStream(Files.newOutputStream(events), 1 << 16);
             OutputStream orgOut = orgs.isPresent() ? new BufferedOutputStream(Files.newOutputStream(orgs.get())) : null;
             OutputStream labelOut = labels.isPresent()
                     ? new BufferedOutputStream(Files.newOutputStream(labels.get()), 1 << 16) : null) {
            return write(simulation, eventOut, Optional.ofNullable(orgOut), Optional.ofNullable(labelOut));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated traffic to " + events + ": " + e.getMessage(), e);
        }
    }

    /** One organisation as a line of the organisation file, without the line break. */
    public static String toJson(OrgProfile profile) {
        StringWriter out = new StringWriter(200);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(profile, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(OrgProfile profile, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("org_id", profile.orgId());
        optional(out, "created_at", profile.createdAt().map(Object::toString));
        optional(out, "country", profile.country());
        optional(out, "tier", profile.tier());
        optional(out, "payment_fingerprint", profile.paymentFingerprint());
        optional(out, "email_domain", profile.emailDomain());
        optional(out, "signup_ip", profile.signupIp());
        out.writeEndObject();
    }

    private static void writeOrgs(Simulation simulation, OutputStream orgs) throws IOException {
        try (JsonGenerator out = lines(orgs)) {
            for (SimulatedOrg org : simulation.orgs()) {
                write(org.profile(), out);
                out.writeRaw('\n');
            }
        }
    }

    private static void writeLabelHeader(Simulation simulation, JsonGenerator out) throws IOException {
        SimulationSettings settings = simulation.settings();
        out.writeStartObject();
        out.writeStringField("type", "scenario");
        out.writeStringField("name", simulation.scenario().name());
        out.writeNumberField("seed", settings.seed());
        out.writeStringField("start", settings.start().toString());
        out.writeStringField("duration", simulation.scenario().duration().toString());
        out.writeNumberField("scale", settings.scale());
        out.writeBooleanField("content", settings.content());
        out.writeEndObject();
        out.writeRaw('\n');
        for (SimulatedOrg org : simulation.orgs()) {
            out.writeStartObject();
            out.writeStringField("type", "org");
            out.writeStringField("org_id", org.orgId());
            out.writeStringField("kind", org.kind().label());
            out.writeStringField("label", org.benign() ? "benign" : "campaign");
            optional(out, "campaign_id", org.campaignId());
            out.writeBooleanField("mixed", org.mixed());
            out.writeEndObject();
            out.writeRaw('\n');
        }
    }

    private static void optional(JsonGenerator out, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            out.writeStringField(field, value.get());
        } else {
            out.writeNullField(field);
        }
    }

    /** A generator for JSON lines: no separator between root values, and closing it leaves the stream open. */
    private static JsonGenerator lines(OutputStream out) throws IOException {
        JsonGenerator generator = JSON.createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setRootValueSeparator(null);
        return generator;
    }
}
