package dev.moat.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.detect.Action;
import dev.moat.server.config.ConfigException;
import dev.moat.server.config.DurationText;
import dev.moat.server.enforcement.EnforcementOverride;
import dev.moat.server.enforcement.EnforcementOverrides;
import dev.moat.server.enforcement.OverrideScope;
import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Directory;
import dev.moat.server.store.EnforcementOverrideStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Analysts' enforcement overrides as the admin API sets, removes and shows them: validation of what
 * the analyst sent, the store and the in-memory {@link EnforcementOverrides} kept in step (store
 * first, then memory, so a crash never leaves memory ahead of disk), and an entry on the
 * transparency log for every change, durable before the call returns. Changes are serialised (they
 * are rare); blocking: call it off the event loop.
 */
public final class EnforcementOverrideService {

    /** Kind of the audit entry written when an override is set. */
    public static final String SET_KIND = "enforcement.override";
    /** Kind of the audit entry written when an override is removed before it expired. */
    public static final String REMOVED_KIND = "enforcement.override_removed";
    static final Duration DEFAULT_EXPIRY = Duration.ofDays(30);
    static final Duration MAX_EXPIRY = Duration.ofDays(365);
    private static final int MAX_NOTE_CHARS = 2_000;
    private static final String ACTIONS = "none, throttle, degrade or suspend";

    /** Writes one administrative action to the audit log and returns once it is durable. */
    @FunctionalInterface
    public interface AuditRecord {
        void record(String kind, String actor, String subject, String outcome, List<String> reasons, Instant at);
    }

    private final EnforcementOverrideStore store;
    private final EnforcementOverrides overrides;
    private final Directory directory;
    private final AuditRecord audit;
    private final Clock clock;

    public EnforcementOverrideService(EnforcementOverrideStore store, EnforcementOverrides overrides, Directory directory,
                                      AuditRecord audit, Clock clock) {
        this.store = store;
        this.overrides = overrides;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sets (or replaces) the subject's override from {@code {"action","note","expires_in"}}; returns the new standing. */
    public synchronized ObjectNode set(OverrideScope scope, String subjectId, JsonNode body, String actor, ObjectMapper json) {
        String orgId = orgOf(scope, subjectId);
        Action action = action(body);
        String note = note(body);
        Duration expiresIn = expiresIn(body);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        EnforcementOverride override = new EnforcementOverride(scope, subjectId, action, note, now,
                now.plus(expiresIn).truncatedTo(ChronoUnit.SECONDS));
        store.put(override, now);
        overrides.put(override);
        audit.record(SET_KIND, actor, subjectId, action.wireName(), List.of(note, "expires_at " + override.expiresAt()), now);
        return standing(scope, subjectId, orgId, json);
    }

    /**
     * Removes the subject's override; 404 when it has none. The body may carry {@code {"note"}} (why it
     * was lifted), which goes to the audit log.
     */
    public synchronized ObjectNode remove(OverrideScope scope, String subjectId, JsonNode body, String actor, ObjectMapper json) {
        String orgId = orgOf(scope, subjectId);
        Optional<String> note = JsonFields.optionalText(body, "note");
        Optional<EnforcementOverride> current = overrides.current(scope, subjectId);
        if (current.isEmpty()) {
            throw AdminException.notFound("an enforcement override of " + scope.wireName() + " " + subjectId
                    + " (it has none in force; GET the same path to see the detector's action)");
        }
        store.remove(scope, subjectId);
        overrides.remove(scope, subjectId);
        EnforcementOverride removed = current.get();
        List<String> reasons = new ArrayList<>();
        reasons.add(note.orElse("removed before it expired"));
        reasons.add("expires_at " + removed.expiresAt());
        audit.record(REMOVED_KIND, actor, subjectId, removed.action().wireName(), reasons, clock.instant());
        return standing(scope, subjectId, orgId, json);
    }

    /**
     * {@code {"subject","detector_action","override":{"action","note","expires_at","set_at"}|null,"enforced_action"}}
     * for an organisation or key; 404 when there is no such organisation or active key.
     */
    public ObjectNode show(OverrideScope scope, String subjectId, ObjectMapper json) {
        return standing(scope, subjectId, orgOf(scope, subjectId), json);
    }

    private ObjectNode standing(OverrideScope scope, String subjectId, String orgId, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("subject", scope.wireName() + ":" + subjectId);
        boolean org = scope == OverrideScope.ORG;
        node.put("detector_action", (org ? overrides.detectorForOrg(orgId) : overrides.detectorForKey(orgId, subjectId)).wireName());
        Optional<EnforcementOverride> current = overrides.current(scope, subjectId);
        if (current.isPresent()) {
            EnforcementOverride override = current.get();
            node.putObject("override").put("action", override.action().wireName()).put("note", override.note())
                    .put("expires_at", override.expiresAt().toString()).put("set_at", override.setAt().toString());
        } else {
            node.putNull("override");
        }
        node.put("enforced_action", (org ? overrides.forOrg(orgId) : overrides.forKey(orgId, subjectId)).wireName());
        return node;
    }

    /** The organisation the subject belongs to (itself for an organisation); 404 when it does not exist. */
    private String orgOf(OverrideScope scope, String subjectId) {
        if (scope == OverrideScope.ORG) {
            return directory.org(subjectId).orElseThrow(() -> AdminException.notFound("organisation " + subjectId)).id();
        }
        return directory.key(subjectId).map(ApiKey::orgId).orElseThrow(() -> new AdminException(404, "not_found",
                "key " + subjectId + " does not exist or is revoked"));
    }

    private static Action action(JsonNode body) {
        String text = JsonFields.optionalText(body, "action").orElseThrow(() -> AdminException.badRequest(
                "action: missing (required: one of " + ACTIONS + ")"));
        Action action;
        try {
            action = Action.fromWireName(text);
        } catch (IllegalArgumentException e) {
            action = null;
        }
        if (action == null || !EnforcementOverride.ALLOWED.contains(action)) {
            throw AdminException.badRequest("action: '" + text + "' (expected " + ACTIONS
                    + "; flag and review change nothing for a customer, so they cannot be imposed)");
        }
        return action;
    }

    private static String note(JsonNode body) {
        String note = JsonFields.optionalText(body, "note").orElseThrow(() -> AdminException.badRequest(
                "note: missing (required: say why the detector's action is overridden, e.g. the ticket and the finding)"));
        if (note.length() > MAX_NOTE_CHARS) {
            throw AdminException.badRequest("note: " + note.length() + " characters (at most " + MAX_NOTE_CHARS
                    + "; put the details in the ticket and refer to it)");
        }
        return note;
    }

    private static Duration expiresIn(JsonNode body) {
        Optional<String> text = JsonFields.optionalText(body, "expires_in", " (e.g. \"30d\", \"12h\")");
        if (text.isEmpty()) {
            return DEFAULT_EXPIRY;
        }
        Duration duration;
        try {
            duration = DurationText.parse("expires_in", text.get());
        } catch (ConfigException e) {
            throw AdminException.badRequest(e.getMessage());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_EXPIRY) > 0) {
            throw AdminException.badRequest("expires_in: '" + text.get() + "' (expected from 1s to 365d; default 30d."
                    + " Overrides always expire: set it again to extend it)");
        }
        return duration;
    }
}
