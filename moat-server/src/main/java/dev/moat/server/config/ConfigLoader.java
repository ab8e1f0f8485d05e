package dev.moat.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.moat.detect.BenchmarkItems;
import dev.moat.detect.DetectorSettings;
import dev.moat.detect.Thresholds;
import dev.moat.detect.TierSettings;
import dev.moat.server.identity.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code moat.yaml}, applies {@code MOAT_…} environment overrides, and turns the result into
 * a {@link MoatConfig}, refusing anything it does not understand with a message that names the key.
 *
 * <p>An environment variable sets the key whose path, upper-cased and joined with underscores, is
 * its name after {@code MOAT_}: {@code MOAT_DATA_DIR}, {@code MOAT_LISTEN_ADMIN},
 * {@code MOAT_UPSTREAMS_0_BASE_URL}, {@code MOAT_POLICY_NETWORKS_VPN}. Its value is read as YAML, so
 * lists and maps can be given inline ({@code MOAT_SCREENING_LISTS='[./lists, /srv/extra]'}). Variables
 * that match no key are ignored, because the same prefix carries secrets such as the admin token.
 * Relative paths are resolved against the working directory.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ENV_PREFIX = "MOAT_";

    private ConfigLoader() {
    }

    /** Loads {@code file} (or the defaults when empty) with overrides from {@code env}. */
    public static MoatConfig load(Optional<Path> file, Map<String, String> env) {
        ObjectNode tree = file.map(ConfigLoader::readFile).orElseGet(JsonNodeFactory.instance::objectNode);
        applyEnvironment(tree, env);
        rejectUnknownKeys(tree, ConfigSchema.MOAT, "");
        return build(tree);
    }

    /** Loads a configuration from YAML text, for tests and the demo. */
    public static MoatConfig fromYaml(String yaml, Map<String, String> env) {
        ObjectNode tree = parse(yaml, "configuration");
        applyEnvironment(tree, env);
        rejectUnknownKeys(tree, ConfigSchema.MOAT, "");
        return build(tree);
    }

    private static ObjectNode readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage()
                    + " (pass an existing file with --config, or omit it to use the defaults)", e);
        }
        return parse(text, file.toString());
    }

    private static ObjectNode parse(String yaml, String source) {
        JsonNode node;
        try {
            node = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException(source + ": expected a mapping of settings at the top level");
        }
        return (ObjectNode) node;
    }

    // ---- environment ----------------------------------------------------------------------------

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            ConfigSchema target = matchPath(name.substring(ENV_PREFIX.length()), ConfigSchema.MOAT, path);
            if (target != null) {
                JsonNode value = parseEnvValue(name, variable.getValue());
                if (target instanceof ConfigSchema.ListOf && value.isValueNode()) {
                    value = commaSeparated(value.asText());
                }
                setPath(tree, path, value);
            }
        }
    }

    /** A list given in an environment variable as {@code a, b, c}. */
    private static ArrayNode commaSeparated(String text) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                list.add(part.trim());
            }
        }
        return list;
    }

    /**
     * Finds the key path that {@code rest} (an env-var suffix) names under {@code schema}; returns
     * the schema of that key, or null when it names none.
     */
    private static ConfigSchema matchPath(String rest, ConfigSchema schema, List<String> path) {
        switch (schema) {
            case ConfigSchema.Fields fields -> {
                for (Map.Entry<String, ConfigSchema> field : fields.fields().entrySet()) {
                    String key = field.getKey().toUpperCase(Locale.ROOT);
                    if (rest.equals(key)) {
                        path.add(field.getKey());
                        return field.getValue();
                    }
                    if (rest.startsWith(key + "_")) {
                        path.add(field.getKey());
                        ConfigSchema found = matchPath(rest.substring(key.length() + 1), field.getValue(), path);
                        if (found != null) {
                            return found;
                        }
                        path.removeLast();
                    }
                }
                return null;
            }
            case ConfigSchema.ListOf list -> {
                int end = 0;
                while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
                    end++;
                }
                if (end == 0) {
                    return null;
                }
                path.add(rest.substring(0, end));
                if (end == rest.length()) {
                    return list.element();
                }
                ConfigSchema found = rest.charAt(end) == '_' ? matchPath(rest.substring(end + 1), list.element(), path) : null;
                if (found == null) {
                    path.removeLast();
                }
                return found;
            }
            case ConfigSchema.MapOf map -> {
                path.add(rest.toLowerCase(Locale.ROOT));
                return map.value();
            }
            case ConfigSchema.Scalar scalar -> {
                return null;
            }
        }
    }

    private static JsonNode parseEnvValue(String name, String value) {
        try {
            JsonNode node = YAML.readTree(value);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(value) : node;
        } catch (IOException e) {
            throw new ConfigException(name + ": value is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static void setPath(ObjectNode tree, List<String> path, JsonNode value) {
        JsonNode node = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            String step = path.get(i);
            boolean nextIsIndex = path.get(i + 1).chars().allMatch(Character::isDigit);
            node = child(node, step, nextIsIndex);
        }
        String last = path.getLast();
        if (node instanceof ObjectNode object) {
            object.set(last, value);
        } else if (node instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        }
    }

    private static JsonNode child(JsonNode parent, String step, boolean wantArray) {
        JsonNode existing;
        if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(step);
            while (array.size() <= index) {
                array.addNull();
            }
            existing = array.get(index);
            if (existing == null || existing.isNull()) {
                existing = wantArray ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                array.set(index, existing);
            }
            return existing;
        }
        ObjectNode object = (ObjectNode) parent;
        existing = object.get(step);
        if (existing == null || existing.isNull()) {
            existing = wantArray ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
            object.set(step, existing);
        }
        return existing;
    }

    // ---- validation -----------------------------------------------------------------------------

    private static void rejectUnknownKeys(JsonNode node, ConfigSchema schema, String path) {
        if (node == null || node.isNull()) {
            return;
        }
        switch (schema) {
            case ConfigSchema.Fields fields -> {
                if (!node.isObject()) {
                    throw new ConfigException(label(path) + ": expected a mapping with keys " + fields.fields().keySet());
                }
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    ConfigSchema child = fields.fields().get(name);
                    if (child == null) {
                        throw new ConfigException(label(join(path, name)) + ": unknown key (known keys"
                                + (path.isEmpty() ? "" : " under " + path) + ": "
                                + String.join(", ", fields.fields().keySet()) + ")");
                    }
                    rejectUnknownKeys(node.get(name), child, join(path, name));
                }
            }
            case ConfigSchema.ListOf list -> {
                if (!node.isArray()) {
                    throw new ConfigException(label(path) + ": expected a list");
                }
                for (int i = 0; i < node.size(); i++) {
                    rejectUnknownKeys(node.get(i), list.element(), path + "[" + i + "]");
                }
            }
            case ConfigSchema.MapOf map -> {
                if (!node.isObject()) {
                    throw new ConfigException(label(path) + ": expected a mapping");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    rejectUnknownKeys(entry.getValue(), map.value(), join(path, entry.getKey()));
                }
            }
            case ConfigSchema.Scalar scalar -> {
                if (node.isObject()) {
                    throw new ConfigException(label(path) + ": expected a single value, not a mapping");
                }
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String label(String path) {
        return path.isEmpty() ? "configuration" : path;
    }

    // ---- typed values -----------------------------------------------------------------------------

    private static MoatConfig build(ObjectNode root) {
        Settings s = new Settings(root);
        Path dataDir = Path.of(s.text("data_dir", "./data"));
        MoatConfig.HostPort gateway = hostPort("listen.gateway", s.text("listen.gateway", "127.0.0.1:8080"));
        MoatConfig.HostPort admin = hostPort("listen.admin", s.text("listen.admin", "127.0.0.1:8081"));
        if (gateway.equals(admin) && gateway.port() != 0) {
            throw new ConfigException("listen.admin: " + admin + " is the same address as listen.gateway; give each its own port");
        }
        String adminTokenEnv = s.text("admin_token_env", "MOAT_ADMIN_TOKEN");
        List<String> trustedProxies = s.texts("trusted_proxies");
        for (int i = 0; i < trustedProxies.size(); i++) {
            checkCidr("trusted_proxies[" + i + "]", trustedProxies.get(i));
        }

        List<MoatConfig.Upstream> upstreams = new ArrayList<>();
        JsonNode upstreamNodes = root.path("upstreams");
        Set<String> names = new HashSet<>();
        Map<String, String> modelOwner = new LinkedHashMap<>();
        for (int i = 0; i < upstreamNodes.size(); i++) {
            MoatConfig.Upstream upstream = upstream("upstreams[" + i + "]", new Settings(upstreamNodes.get(i)));
            if (!names.add(upstream.name())) {
                throw new ConfigException("upstreams[" + i + "].name: '" + upstream.name() + "' is used by two upstreams; names must be unique");
            }
            for (String model : upstream.models()) {
                String owner = modelOwner.putIfAbsent(upstream.api().wireName() + " " + model, upstream.name());
                if (owner != null) {
                    throw new ConfigException("upstreams[" + i + "].models: model '" + model + "' is already served through the "
                            + upstream.api().wireName() + " API by upstream '" + owner + "'; each model routes to one upstream per API");
                }
            }
            upstreams.add(upstream);
        }
        if (upstreams.isEmpty()) {
            throw new ConfigException("upstreams: no upstream configured; Moat needs at least one model API to forward to"
                    + " (add an entry with name, api, base_url and models)");
        }

        MoatConfig.Screening screening = new MoatConfig.Screening(
                existingPaths("screening.lists", s.texts("screening.lists")),
                s.bool("screening.auto_approve_clear", false),
                root.path("screening").has("embargoed_countries")
                        ? s.texts("screening.embargoed_countries").stream().map(c -> c.toUpperCase(Locale.ROOT)).toList()
                        : List.of("CU", "IR", "KP", "SY", "UA-43", "UA-14", "UA-09"));
        MoatConfig.Network network = new MoatConfig.Network(
                existingPaths("network.geoip", s.texts("network.geoip")),
                existingPaths("network.hosting", s.texts("network.hosting")),
                existingPaths("network.vpn", s.texts("network.vpn")),
                existingPaths("network.tor", s.texts("network.tor")));
        MoatConfig.Policy policy = policy(root.path("policy"));

        Optional<Duration> retention;
        String retentionText = s.text("gateway.content_retention", "30d");
        retention = retentionText.equalsIgnoreCase("off") || retentionText.equals("false")
                ? Optional.empty() : Optional.of(DurationText.parse("gateway.content_retention", retentionText));
        MoatConfig.Gateway gatewaySettings = new MoatConfig.Gateway(
                s.positiveLong("gateway.max_body_bytes", 10L * 1024 * 1024),
                (int) s.positiveLong("gateway.default_max_tokens", 4096),
                retention,
                (int) s.positiveLong("gateway.usage_queue_capacity", 16_384),
                s.positiveLong("gateway.usage_queue_bytes", defaultUsageQueueBytes()));
        Limits limits = new Limits(
                s.nonNegativeLong("limits.requests_per_minute", 0),
                s.nonNegativeLong("limits.tokens_per_minute", 0),
                s.nonNegativeLong("limits.tokens_per_day", 0));
        String allowedRequests = s.text("audit.allowed_requests", "individual");
        if (!allowedRequests.equals("individual") && !allowedRequests.equals("summary")) {
            throw new ConfigException("audit.allowed_requests: '" + allowedRequests + "' (expected individual or summary;"
                    + " denied and reviewed requests are always logged individually)");
        }
        String origin = s.text("audit.origin", "moat.local/audit");
        if (origin.isEmpty() || origin.contains(" ") || origin.contains("+")) {
            throw new ConfigException("audit.origin: '" + origin + "' (expected a schema-less URL such as moat.example.com/audit, without spaces or '+')");
        }
        MoatConfig.Audit audit = new MoatConfig.Audit(origin, allowedRequests.equals("summary"),
                DurationText.parse("audit.summary_interval", s.text("audit.summary_interval", "60s")), s.texts("audit.witnesses"));
        List<Path> benchmarkFiles = existingPaths("detection.benchmarks", s.texts("detection.benchmarks"));
        MoatConfig.Detection detection = new MoatConfig.Detection(
                detectorSettings(s),
                (int) s.positiveLong("detection.degrade_max_tokens", 1024),
                new Limits(s.nonNegativeLong("detection.throttle_limits.requests_per_minute", 10),
                        s.nonNegativeLong("detection.throttle_limits.tokens_per_minute", 10_000),
                        s.nonNegativeLong("detection.throttle_limits.tokens_per_day", 0)),
                benchmarkFiles, benchmarks(benchmarkFiles));
        return new MoatConfig(dataDir, gateway, admin, adminTokenEnv, trustedProxies, upstreams, screening,
                network, policy, gatewaySettings, detection, audit, limits);
    }

    /** The detector's thresholds and bounds: the engine's defaults, changed where the file says so. */
    private static DetectorSettings detectorSettings(Settings s) {
        DetectorSettings defaults = DetectorSettings.defaults();
        try {
            Thresholds thresholds = thresholds(s, "detection.thresholds", defaults.thresholds());
            int budget = (int) s.nonNegativeLong("detection.review_harvest_budget", defaults.reviewHarvestBudget());
            return defaults.toBuilder()
                    .shadowMode(s.bool("detection.shadow_mode", false))
                    .thresholds(thresholds.flag(), thresholds.review(), thresholds.throttle(), thresholds.degrade(),
                            thresholds.suspend())
                    .tiers(tiers(s, thresholds, budget))
                    .minEventsForAction((int) s.positiveLong("detection.min_events_for_action", defaults.minEventsForAction()))
                    .reviewHarvestBudget(budget)
                    .newAccountReviewBudget((int) s.nonNegativeLong("detection.new_account_review_budget",
                            defaults.newAccountReviewBudget()))
                    .linkTtl(s.optionalText("detection.link_ttl").map(text -> DurationText.parse("detection.link_ttl", text))
                            .orElse(defaults.linkTtl()))
                    .idleEviction(s.optionalText("detection.idle_eviction")
                            .map(text -> DurationText.parse("detection.idle_eviction", text)).orElse(defaults.idleEviction()))
                    .maxPrincipals((int) s.positiveLong("detection.max_principals", defaults.maxPrincipals()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("detection: " + e.getMessage());
        }
    }

    /** The five thresholds under {@code key}, each falling back to {@code fallback}'s. */
    private static Thresholds thresholds(Settings s, String key, Thresholds fallback) {
        try {
            return new Thresholds(s.unitFraction(key + ".flag", fallback.flag()),
                    s.unitFraction(key + ".review", fallback.review()),
                    s.unitFraction(key + ".throttle", fallback.throttle()),
                    s.unitFraction(key + ".degrade", fallback.degrade()),
                    s.unitFraction(key + ".suspend", fallback.suspend()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    /** {@code detection.tiers}: per tier, the thresholds and review budget it sets, the global ones for the rest. */
    private static Map<String, TierSettings> tiers(Settings s, Thresholds thresholds, int budget) {
        Map<String, TierSettings> byTier = new LinkedHashMap<>();
        for (Iterator<String> it = s.at("detection.tiers").fieldNames(); it.hasNext(); ) {
            String tier = it.next();
            if (tier.isBlank() || tier.contains(".")) {
                throw new ConfigException("detection.tiers: '" + tier
                        + "' is not a tier name (expected a name such as enterprise, without dots)");
            }
            String key = "detection.tiers." + tier;
            byTier.put(tier, new TierSettings(thresholds(s, key + ".thresholds", thresholds),
                    (int) s.nonNegativeLong(key + ".review_harvest_budget", budget)));
        }
        return byTier;
    }

    private static MoatConfig.Upstream upstream(String key, Settings s) {
        String name = s.required("name", key);
        String apiText = s.text("api", "openai");
        MoatConfig.Api api = switch (apiText.toLowerCase(Locale.ROOT)) {
            case "openai" -> MoatConfig.Api.OPENAI;
            case "anthropic" -> MoatConfig.Api.ANTHROPIC;
            default -> throw new ConfigException(key + ".api: '" + apiText + "' is not supported (expected: openai or anthropic)");
        };
        String base = s.required("base_url", key);
        URI baseUrl;
        try {
            baseUrl = new URI(base);
        } catch (URISyntaxException e) {
            throw new ConfigException(key + ".base_url: '" + base + "' is not a URL: " + e.getReason());
        }
        if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))
                || baseUrl.getHost() == null) {
            throw new ConfigException(key + ".base_url: '" + base + "' is not an http(s) URL with a host (expected e.g. http://127.0.0.1:9000)");
        }
        Optional<String> keyEnv = s.optionalText("api_key_env");
        List<String> models = s.texts("models");
        if (models.isEmpty()) {
            throw new ConfigException(key + ".models: upstream '" + name + "' serves no models; list the model names it serves");
        }
        return new MoatConfig.Upstream(name, api, baseUrl, keyEnv, models,
                DurationText.parse(key + ".timeout", s.text("timeout", "300s")),
                DurationText.parse(key + ".connect_timeout", s.text("connect_timeout", "5s")),
                (int) s.positiveLong("max_connections", 256));
    }

    private static MoatConfig.Policy policy(JsonNode node) {
        Settings s = new Settings(node);
        Map<String, String> networks = new LinkedHashMap<>(Map.of("tor", "deny", "vpn", "review", "hosting", "allow", "unknown", "allow"));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("networks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String network = entry.getKey();
            if (!Set.of("tor", "vpn", "hosting", "residential", "unknown").contains(network)) {
                throw new ConfigException("policy.networks." + network + ": unknown network class (expected: tor, vpn, hosting, residential, unknown)");
            }
            networks.put(network, action("policy.networks." + network, entry.getValue().asText()));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("groups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<String> countries = new ArrayList<>();
            for (JsonNode country : entry.getValue()) {
                String code = country.asText().toUpperCase(Locale.ROOT);
                if (!code.matches("[A-Z]{2}")) {
                    throw new ConfigException("policy.groups." + entry.getKey() + ": '" + country.asText() + "' is not an ISO 3166-1 alpha-2 country code");
                }
                countries.add(code);
            }
            groups.put(entry.getKey(), countries);
        }
        List<MoatConfig.Rule> rules = new ArrayList<>();
        JsonNode ruleNodes = node.path("rules");
        for (int i = 0; i < ruleNodes.size(); i++) {
            String key = "policy.rules[" + i + "]";
            Settings rule = new Settings(ruleNodes.get(i));
            rules.add(new MoatConfig.Rule(rule.required("name", key), rule.required("when", key),
                    action(key + ".action", rule.text("action", "deny")), rule.text("message", "")));
        }
        Map<String, String> groupActions = actions(node.path("group_actions"), "policy.group_actions");
        Map<String, MoatConfig.TierPolicy> tiers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("tiers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tier = it.next();
            String key = "policy.tiers." + tier.getKey();
            tiers.put(tier.getKey(), new MoatConfig.TierPolicy(actions(tier.getValue().path("networks"), key + ".networks"),
                    actions(tier.getValue().path("group_actions"), key + ".group_actions")));
        }
        Map<String, String> sharing = new LinkedHashMap<>();
        Set<String> sharingKinds = Set.of("many_countries", "many_networks", "concurrent_use", "impossible_travel",
                "restricted_group_first_use", "client_change");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("credential_sharing").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = "policy.credential_sharing." + entry.getKey();
            if (!sharingKinds.contains(entry.getKey())) {
                throw new ConfigException(key + ": unknown signal (expected one of " + new java.util.TreeSet<>(sharingKinds) + ")");
            }
            String action = entry.getValue().asText();
            if (!Set.of("flag", "review", "suspend_key").contains(action)) {
                throw new ConfigException(key + ": '" + action + "' (expected flag, review or suspend_key)");
            }
            sharing.put(entry.getKey(), action);
        }
        return new MoatConfig.Policy(s.text("profile", "us-export"), networks, groups, groupActions, tiers, sharing, rules);
    }

    private static Map<String, String> actions(JsonNode node, String key) {
        Map<String, String> actions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            actions.put(entry.getKey(), action(key + "." + entry.getKey(), entry.getValue().asText()));
        }
        return actions;
    }

    private static String action(String key, String value) {
        if (!Set.of("allow", "review", "deny").contains(value)) {
            throw new ConfigException(key + ": '" + value + "' is not an action (expected: allow, review or deny)");
        }
        return value;
    }

    static MoatConfig.HostPort hostPort(String key, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException(key + ": '" + text + "' is not an address (expected host:port, e.g. 127.0.0.1:8080)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + text + "' has no numeric port (expected host:port, e.g. 127.0.0.1:8080)");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key + ": port " + port + " is out of range (expected 0-65535; 0 picks a free port)");
        }
        return new MoatConfig.HostPort(host, port);
    }

    private static void checkCidr(String key, String cidr) {
        String[] parts = cidr.split("/", -1);
        boolean ok = parts.length <= 2 && (parts[0].matches("[0-9.]+") && parts[0].split("\\.").length == 4 || parts[0].contains(":"));
        if (ok && parts.length == 2) {
            try {
                int bits = Integer.parseInt(parts[1]);
                ok = bits >= 0 && bits <= (parts[0].contains(":") ? 128 : 32);
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new ConfigException(key + ": '" + cidr + "' is not an IP address or CIDR range (expected e.g. 10.0.0.0/8 or 2001:db8::/32)");
        }
    }

    /** {@code detection.benchmarks}: read now, so a broken file stops the start with its name and line. */
    private static BenchmarkItems benchmarks(List<Path> files) {
        try {
            return BenchmarkItems.read(files);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigException("detection.benchmarks: " + e.getMessage());
        }
    }

    private static List<Path> existingPaths(String key, List<String> values) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Path path = Path.of(values.get(i));
            if (!Files.isReadable(path)) {
                throw new ConfigException(key + "[" + i + "]: cannot read " + path.toAbsolutePath()
                        + " (the file or directory does not exist or is not readable)");
            }
            paths.add(path);
        }
        return paths;
    }

    /** Typed access to one mapping of the tree, with key paths for error messages. */
    private record Settings(JsonNode node) {

        JsonNode at(String dotted) {
            JsonNode current = node;
            for (String step : dotted.split("\\.")) {
                current = current.path(step);
            }
            return current;
        }

        String text(String key, String fallback) {
            JsonNode value = at(key);
            return value.isMissingNode() || value.isNull() ? fallback : value.asText();
        }

        Optional<String> optionalText(String key) {
            JsonNode value = at(key);
            return value.isMissingNode() || value.isNull() || value.asText().isEmpty()
                    ? Optional.empty() : Optional.of(value.asText());
        }

        String required(String key, String parent) {
            return optionalText(key).orElseThrow(() -> new ConfigException(parent + "." + key + ": missing (this setting is required)"));
        }

        List<String> texts(String key) {
            JsonNode value = at(key);
            List<String> out = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> out.add(v.asText()));
            } else if (!value.isMissingNode() && !value.isNull()) {
                for (String part : value.asText().split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
            return out;
        }

        boolean bool(String key, boolean fallback) {
            JsonNode value = at(key);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            return switch (value.asText().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new ConfigException(key + ": '" + value.asText() + "' is not true or false");
            };
        }

        long nonNegativeLong(String key, long fallback) {
            JsonNode value = at(key);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            try {
                long n = Long.parseLong(value.asText().trim().replace("_", ""));
                if (n < 0) {
                    throw new ConfigException(key + ": " + n + " is negative (expected a number >= 0)");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(key + ": '" + value.asText() + "' is not a whole number");
            }
        }

        /** A number in (0, 1], such as a risk threshold. */
        double unitFraction(String key, double fallback) {
            JsonNode value = at(key);
            if (value.isMissingNode() || value.isNull()) {
                return fallback;
            }
            try {
                double n = Double.parseDouble(value.asText().trim());
                if (!(n > 0 && n <= 1)) {
                    throw new ConfigException(key + ": " + value.asText() + " is out of range (expected a number above 0 and at most 1)");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(key + ": '" + value.asText() + "' is not a number");
            }
        }

        long positiveLong(String key, long fallback) {
            long n = nonNegativeLong(key, fallback);
            if (n == 0) {
                throw new ConfigException(key + ": 0 is not allowed (expected a number > 0)");
            }
            return n;
        }
    }

    /** A quarter of the maximum heap: room for the queue with the rest of the heap still free for requests. */
    static long defaultUsageQueueBytes() {
        return Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4);
    }
}
