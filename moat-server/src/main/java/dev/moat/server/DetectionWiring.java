package dev.moat.server;

import dev.moat.detect.Detector;
import dev.moat.detect.OrgProfile;
import dev.moat.detect.Signal;
import dev.moat.detect.Verdict;
import dev.moat.server.alert.Alert;
import dev.moat.server.alert.Alerts;
import dev.moat.server.config.MoatConfig;
import dev.moat.server.identity.KeySecrets;
import dev.moat.server.identity.Organisation;
import dev.moat.server.store.OrgStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the online detector and turns its verdicts into alerts. */
final class DetectionWiring {

    private DetectionWiring() {
    }

    static Detector detector(MoatConfig.Detection config, OrgStore orgs, Alerts alerts) {
        Detector detector = new Detector(config.detector(), config.benchmarks());
        for (Organisation org : orgs.list(Optional.empty())) {
            detector.addOrg(profile(org));
        }
        detector.addListener(verdict -> {
            if (verdict.action().compareTo(dev.moat.detect.Action.FLAG) >= 0) {
                alerts.raise(alert(verdict));
            }
        });
        return detector;
    }

    static OrgProfile profile(Organisation org) {
        return new OrgProfile(org.id(), Optional.of(org.createdAt()), Optional.of(org.country()), Optional.of(org.tier()),
                org.paymentFingerprint(), org.emailDomain().isEmpty() ? Optional.empty() : Optional.of(org.emailDomain()),
                org.signupIp());
    }

    static Alert alert(Verdict verdict) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("previous_action", verdict.previous().wireName());
        evidence.put("enforced", verdict.enforced());
        evidence.put("event_id", verdict.eventId());
        verdict.cluster().ifPresent(cluster -> evidence.put("cluster", cluster));
        List<Map<String, Object>> signals = new ArrayList<>();
        for (Signal signal : verdict.signals()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", signal.name());
            s.put("value", Math.round(signal.value() * 1000) / 1000.0);
            s.put("detail", signal.detail());
            s.put("examples", signal.examples());
            signals.add(s);
        }
        evidence.put("signals", signals);
        String top = verdict.signals().isEmpty() ? "combined signals" : verdict.signals().getFirst().detail();
        String kind = verdict.signals().isEmpty() ? "distillation" : verdict.signals().getFirst().name();
        verdict.keyId().ifPresent(key -> evidence.put("key", key));
        String scope = verdict.keyId().isPresent() ? "key" : verdict.cluster().isPresent() ? "cluster" : "org";
        String subject = verdict.keyId().or(verdict::cluster).orElse(verdict.orgId());
        String summary = switch (scope) {
            case "key" -> "Key " + subject + ": " + top;
            case "cluster" -> "Cluster " + subject + ": " + top;
            default -> top;
        };
        return new Alert(KeySecrets.newId("alt"), verdict.ts(), "detector", kind, scope, subject, verdict.orgId(),
                verdict.risk(), verdict.action().wireName() + (verdict.enforced() ? "" : " (shadow)"), summary, evidence);
    }
}
