package dev.moat.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.server.config.MoatConfig;
import dev.moat.server.identity.ApiKey;
import dev.moat.server.identity.Directory;
import dev.moat.server.identity.KeySecrets;
import dev.moat.server.identity.Limits;
import dev.moat.server.identity.OrgStatus;
import dev.moat.server.identity.OrgStatusMachine;
import dev.moat.server.identity.OrgTransition;
import dev.moat.server.identity.Organisation;
import dev.moat.server.identity.Owner;
import dev.moat.server.store.KeyStore;
import dev.moat.server.store.OrgStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Organisations and keys as the admin API changes them: validation of what the administrator sent,
 * vetting, status changes through {@link OrgStatusMachine}, and the store and the in-memory
 * {@link Directory} kept in step (store first, then memory, so a crash never leaves memory ahead of
 * disk). Blocking: call it off the event loop.
 */
public final class OrgService {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern TIER = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final OrgStore orgs;
    private final KeyStore keys;
    private final Directory directory;
    private final Vetting vetting;
    private final MoatConfig config;
    private final List<Consumer<AdminAction>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<Organisation>> orgListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public OrgService(OrgStore orgs, KeyStore keys, Directory directory, Vetting vetting, MoatConfig config) {
        this.orgs = orgs;
        this.keys = keys;
        this.directory = directory;
        this.vetting = vetting;
        this.config = config;
    }

    /**
     * One administrative change, for the audit log.
     *
     * @param kind {@code vetting.decision}, {@code admin.action}, {@code key.created} or {@code key.revoked}
     */
    public record AdminAction(String kind, String actor, String subject, String outcome, String note, Instant at) {
    }

    /** Told about every organisation created (after it is stored), e.g. to give the detector its sign-up facts. */
    public void addOrgListener(Consumer<Organisation> listener) {
        orgListeners.add(listener);
    }

    public void addListener(Consumer<AdminAction> listener) {
        listeners.add(listener);
    }

    private void announce(AdminAction action) {
        listeners.forEach(listener -> listener.accept(action));
    }

    /** Creates, screens and stores an organisation from the admin API's JSON body. */
    public Organisation create(JsonNode body, String actor) {
        String name = requiredText(body, "name");
        String country = requiredText(body, "country").toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            throw AdminException.badRequest("country: '" + country + "' is not an ISO 3166-1 alpha-2 code (e.g. US, DE, JP)");
        }
        String email = JsonFields.optionalText(body, "contact_email").orElse("");
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw AdminException.badRequest("contact_email: '" + email + "' is not an e-mail address");
        }
        String tier = JsonFields.optionalText(body, "tier").orElse("standard");
        if (!TIER.matcher(tier).matches()) {
            throw AdminException.badRequest("tier: '" + tier + "' (expected lower-case words joined by '-', e.g. self-serve, enterprise)");
        }
        Instant now = Instant.now();
        Organisation draft = new Organisation(KeySecrets.newId("org"), name, country, email, tier, OrgStatus.PENDING,
                JsonFields.optionalText(body, "intended_use").orElse(""), owners(body.get("owners")), Optional.empty(),
                limits(body.get("limits"), "limits"), JsonFields.optionalText(body, "payment_fingerprint"),
                JsonFields.optionalText(body, "signup_ip"), now, now);
        Vetting.Result screening = vetting.screen(draft);
        OrgStatus status = switch (screening.decision()) {
            case BLOCK -> OrgStatus.REJECTED;
            case REVIEW -> OrgStatus.REVIEW;
            case CLEAR -> config.screening().autoApproveClear() ? OrgStatus.APPROVED : OrgStatus.PENDING;
            case NOT_SCREENED -> OrgStatus.PENDING;
        };
        Organisation org = new Organisation(draft.id(), name, country, email, tier, status, draft.intendedUse(),
                draft.owners(), Optional.of(screening.report().toString()), draft.limits(), draft.paymentFingerprint(),
                draft.signupIp(), now, now);
        orgs.insert(org, actor);
        directory.putOrg(org);
        orgListeners.forEach(listener -> listener.accept(org));
        announce(new AdminAction("vetting.decision", actor, org.id(), status.wireName(),
                "screening: " + screening.report().path("decision").asText(), now));
        return org;
    }

    public Organisation get(String id) {
        return orgs.find(id).orElseThrow(() -> AdminException.notFound("organisation " + id));
    }

    public List<Organisation> list(Optional<String> status) {
        Optional<OrgStatus> parsed = status.map(s -> OrgStatus.parse(s).orElseThrow(() -> AdminException.badRequest(
                "status: '" + s + "' is not a status (expected pending, review, approved, rejected or suspended)")));
        return orgs.list(parsed);
    }

    /** Applies {@code transition}; 409 when the status machine does not allow it. */
    public Organisation transition(String id, OrgTransition transition, Optional<String> note, String actor) {
        Organisation before = get(id);
        OrgStatus next;
        try {
            next = OrgStatusMachine.next(before.status(), transition, screeningOf(before), note.isPresent());
        } catch (OrgStatusMachine.TransitionRefused e) {
            throw new AdminException(409, "transition_not_allowed", e.getMessage());
        }
        Organisation after = before.withStatus(next, Instant.now());
        orgs.updateStatus(before, after, note.orElse(null), actor);
        directory.putOrg(after);
        announce(new AdminAction("admin.action", actor, id, next.wireName(),
                transition.wireName() + note.map(n -> ": " + n).orElse(""), after.updatedAt()));
        return after;
    }

    /** The outcome of screening one organisation again. */
    public record Rescreened(Organisation before, Organisation after, Vetting.Result result) {
        public boolean statusChanged() {
            return before.status() != after.status();
        }
    }

    /**
     * Screens every organisation that is not already rejected again (after the lists changed), stores
     * the new results, and applies {@link OrgStatusMachine#afterRescreening}.
     */
    public List<Rescreened> rescreenAll(String actor) {
        List<Rescreened> results = new ArrayList<>();
        for (Organisation org : orgs.list(Optional.empty())) {
            if (org.status() == OrgStatus.REJECTED) {
                continue;
            }
            Vetting.Result result = vetting.screen(org);
            Instant now = Instant.now();
            orgs.updateScreening(org.id(), result.report().toString(), now);
            Organisation screened = org.withScreening(result.report().toString(), now);
            OrgStatus next = OrgStatusMachine.afterRescreening(org.status(), result.decision());
            Organisation after = screened.withStatus(next, now);
            if (next != org.status()) {
                orgs.updateStatus(org, after, "re-screening: " + result.report().path("decision").asText(), actor);
                announce(new AdminAction("vetting.decision", actor, org.id(), next.wireName(),
                        "re-screening after a list update: " + result.report().path("decision").asText(), now));
            }
            directory.putOrg(after);
            results.add(new Rescreened(org, after, result));
        }
        return results;
    }

    private static OrgStatusMachine.Screening screeningOf(Organisation org) {
        String decision = org.screening().map(json -> {
            try {
                return new ObjectMapper().readTree(json).path("decision").asText("");
            } catch (java.io.IOException e) {
                return "";
            }
        }).orElse("");
        return switch (decision) {
            case "block" -> OrgStatusMachine.Screening.BLOCK;
            case "review" -> OrgStatusMachine.Screening.REVIEW;
            case "clear" -> OrgStatusMachine.Screening.CLEAR;
            default -> OrgStatusMachine.Screening.NOT_SCREENED;
        };
    }

    /** A new key; the secret is in the result and nowhere else. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    public CreatedKey createKey(String orgId, JsonNode body, String actor) {
        Organisation org = get(orgId);
        if (org.status() == OrgStatus.REJECTED) {
            throw new AdminException(409, "org_rejected", "organisation " + orgId + " is rejected; it cannot have keys");
        }
        String name = JsonFields.optionalText(body, "name").orElse("default");
        JsonNode modelsNode = body.get("models");
        if (modelsNode == null || !modelsNode.isArray() || modelsNode.isEmpty()) {
            throw AdminException.badRequest("models: missing (expected the list of models this key may call, or [\"*\"] for all)");
        }
        Set<String> models = new LinkedHashSet<>();
        for (JsonNode model : modelsNode) {
            String m = model.asText();
            if (m.equals("*")) {
                models.clear();
                break;
            }
            if (config.upstreamFor(m).isEmpty()) {
                throw AdminException.badRequest("models: '" + m + "' is not served by any upstream (served: "
                        + config.upstreams().stream().flatMap(u -> u.models().stream()).toList() + ")");
            }
            models.add(m);
        }
        String accountId = orgs.account(orgId, JsonFields.optionalText(body, "account").orElse("default"));
        String secret = KeySecrets.newSecret();
        ApiKey key = new ApiKey(KeySecrets.newId("key"), orgId, accountId, name, KeySecrets.sha256Hex(secret), models,
                limits(body.get("limits"), "limits"), Instant.now(), Optional.empty());
        keys.insert(key);
        directory.putKey(key);
        announce(new AdminAction("key.created", actor, key.id(), "created", "org " + orgId, key.createdAt()));
        return new CreatedKey(key, secret);
    }

    public ApiKey revokeKey(String keyId, String actor) {
        ApiKey revoked = keys.revoke(keyId, Instant.now()).orElseThrow(() -> AdminException.notFound("key " + keyId));
        directory.removeKey(keyId);
        announce(new AdminAction("key.revoked", actor, keyId, "revoked", "org " + revoked.orgId(), revoked.revokedAt().orElseThrow()));
        return revoked;
    }

    private static List<Owner> owners(JsonNode node) {
        return owners(node, "owners", 0);
    }

    /** Declared owners, recursively: an owning organisation may declare its own owners (up to 8 levels). */
    private static List<Owner> owners(JsonNode node, String path, int depth) {
        List<Owner> owners = new ArrayList<>();
        if (node == null || node.isNull()) {
            return owners;
        }
        if (!node.isArray()) {
            throw AdminException.badRequest(path + ": expected a list of {\"name\",\"type\",\"country\",\"share_percent\"}");
        }
        if (depth > 8) {
            throw AdminException.badRequest(path + ": ownership is declared more than 8 levels deep");
        }
        double total = 0;
        for (int i = 0; i < node.size(); i++) {
            JsonNode owner = node.get(i);
            String key = path + "[" + i + "]";
            String name = requiredText(owner, "name", key);
            String type = JsonFields.optionalText(owner, "type").orElse("person");
            if (!type.equals("person") && !type.equals("organization")) {
                throw AdminException.badRequest(key + ".type: '" + type + "' (expected person or organization)");
            }
            String country = JsonFields.optionalText(owner, "country").orElse("").toUpperCase(Locale.ROOT);
            if (!country.isEmpty() && !COUNTRY.matcher(country).matches()) {
                throw AdminException.badRequest(key + ".country: '" + country + "' is not an ISO 3166-1 alpha-2 code");
            }
            JsonNode share = owner.get("share_percent");
            if (share == null || !share.isNumber() || share.doubleValue() < 0 || share.doubleValue() > 100) {
                throw AdminException.badRequest(key + ".share_percent: expected a number from 0 to 100");
            }
            List<Owner> nested = owners(owner.get("owners"), key + ".owners", depth + 1);
            if (type.equals("person") && !nested.isEmpty()) {
                throw AdminException.badRequest(key + ".owners: a person has no owners (only organizations declare theirs)");
            }
            total += share.doubleValue();
            owners.add(new Owner(name, type, country, share.doubleValue(), nested));
        }
        if (total > 100.0001) {
            throw AdminException.badRequest(path + ": shares add up to " + total + " %, more than 100 %");
        }
        return owners;
    }

    static Limits limits(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return Limits.NONE;
        }
        if (!node.isObject()) {
            throw AdminException.badRequest(key + ": expected {\"requests_per_minute\",\"tokens_per_minute\",\"tokens_per_day\"}");
        }
        return new Limits(limit(node, key, "requests_per_minute"), limit(node, key, "tokens_per_minute"),
                limit(node, key, "tokens_per_day"));
    }

    private static long limit(JsonNode node, String key, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        long max = field.endsWith("_per_day") ? Limits.MAX_PER_DAY : Limits.MAX_PER_MINUTE;
        if (!value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > max) {
            throw AdminException.badRequest(key + "." + field + ": " + value + " (expected a whole number from 0 to "
                    + max + "; 0 = unlimited)");
        }
        return value.longValue();
    }

    private static String requiredText(JsonNode body, String field) {
        return requiredText(body, field, "");
    }

    private static String requiredText(JsonNode body, String field, String parent) {
        String label = parent.isEmpty() ? field : parent + "." + field;
        return JsonFields.optionalText(body, field).orElseThrow(() -> AdminException.badRequest(label + ": missing (required)"));
    }

    /** The organisation as the admin API shows it. */
    public static ObjectNode toJson(ObjectMapper json, Organisation org) {
        ObjectNode node = json.createObjectNode();
        node.put("id", org.id());
        node.put("name", org.name());
        node.put("country", org.country());
        node.put("contact_email", org.contactEmail());
        node.put("tier", org.tier());
        node.put("status", org.status().wireName());
        node.put("intended_use", org.intendedUse());
        node.set("owners", ownersJson(json, org.owners()));
        try {
            node.set("screening", org.screening().isPresent() ? json.readTree(org.screening().get()) : null);
        } catch (java.io.IOException e) {
            node.putNull("screening");
        }
        node.set("limits", limitsJson(json, org.limits()));
        node.put("created_at", org.createdAt().toString());
        node.put("updated_at", org.updatedAt().toString());
        return node;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode ownersJson(ObjectMapper json, List<Owner> owners) {
        var array = json.createArrayNode();
        for (Owner owner : owners) {
            ObjectNode node = array.addObject().put("name", owner.name()).put("type", owner.type())
                    .put("country", owner.country()).put("share_percent", owner.sharePercent());
            if (!owner.owners().isEmpty()) {
                node.set("owners", ownersJson(json, owner.owners()));
            }
        }
        return array;
    }

    public static ObjectNode limitsJson(ObjectMapper json, Limits limits) {
        return json.createObjectNode()
                .put("requests_per_minute", limits.requestsPerMinute())
                .put("tokens_per_minute", limits.tokensPerMinute())
                .put("tokens_per_day", limits.tokensPerDay());
    }
}
