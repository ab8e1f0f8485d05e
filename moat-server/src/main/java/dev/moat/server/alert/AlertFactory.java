package dev.moat.server.alert;

import dev.moat.policy.SharingSignal;
import dev.moat.server.gateway.Call;
import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Directory;
import dev.moat.server.identity.KeySecrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns engine findings into {@link Alert}s. */
public final class AlertFactory {

    private AlertFactory() {
    }

    public static Alert of(SharingSignal signal, Directory directory) {
        String action = signal.action().label();
        double risk = switch (signal.action()) {
            case FLAG -> 0.4;
            case REVIEW -> 0.7;
            case SUSPEND_KEY -> 0.9;
        };
        String org = directory.key(signal.keyId()).map(ApiKey::orgId).orElse("");
        return new Alert(KeySecrets.newId("alt"), signal.time(), "credential_sharing", signal.kind().label(), "key",
                signal.keyId(), org, risk, action, signal.explanation(), new LinkedHashMap<>(signal.evidence()));
    }

    /** An organisation screened again after the lists changed, with a match or a new status. */
    public static Alert rescreened(dev.moat.server.admin.OrgService.Rescreened rescreened) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("previous_status", rescreened.before().status().wireName());
        evidence.put("status", rescreened.after().status().wireName());
        evidence.put("screening", rescreened.result().report().toString());
        String decision = rescreened.result().report().path("decision").asText();
        double risk = decision.equals("block") ? 0.95 : decision.equals("review") ? 0.6 : 0.3;
        return new Alert(KeySecrets.newId("alt"), Instant.now(), "screening", "list_update_" + decision, "org",
                rescreened.after().id(), rescreened.after().id(), risk, rescreened.after().status().wireName(),
                "Screened again after a list update: " + decision + "; status " + rescreened.before().status().wireName()
                        + " → " + rescreened.after().status().wireName(), evidence);
    }

    /** A request that the policy allowed but wants an analyst to look at. */
    public static Alert policyReview(Call call) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("request_id", call.requestId());
        evidence.put("ip", call.clientIp());
        evidence.put("country", call.country());
        evidence.put("network", call.network());
        evidence.put("reasons", call.decision().reasons());
        return new Alert(KeySecrets.newId("alt"), Instant.now(), "policy", "policy_review", "key",
                call.key().map(ApiKey::id).orElse(""), call.org().map(o -> o.id()).orElse(""), 0.5, "review",
                "Allowed, but the policy asks for review: " + String.join("; ", call.decision().reasons()), evidence);
    }
}
