package dev.moat.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of {@code moat.yaml}: which keys exist, which hold lists or free-form maps. It is used
 * to reject unknown keys (with the list of known ones) and to find the key an environment variable
 * such as {@code MOAT_LISTEN_GATEWAY} or {@code MOAT_UPSTREAMS_0_BASE_URL} sets, since key names
 * themselves contain underscores.
 */
sealed interface ConfigSchema {

    /** A value: string, number, boolean, or (for flexibility) a list of scalars. */
    record Scalar() implements ConfigSchema {
    }

    /** A list whose elements all follow one schema. */
    record ListOf(ConfigSchema element) implements ConfigSchema {
    }

    /** A map with operator-chosen keys (e.g. policy groups), each value following one schema. */
    record MapOf(ConfigSchema value) implements ConfigSchema {
    }

    /** An object with a fixed set of keys. */
    record Fields(Map<String, ConfigSchema> fields) implements ConfigSchema {
    }

    static Fields fields(Object... keysAndSchemas) {
        Map<String, ConfigSchema> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSchemas.length; i += 2) {
            fields.put((String) keysAndSchemas[i], (ConfigSchema) keysAndSchemas[i + 1]);
        }
        return new Fields(fields);
    }

    ConfigSchema SCALAR = new Scalar();

    /** The whole of moat.yaml, contract keys first, then Moat's extensions. */
    Fields MOAT = fields(
            "data_dir", SCALAR,
            "listen", fields("gateway", SCALAR, "admin", SCALAR),
            "admin_token_env", SCALAR,
            "trusted_proxies", new ListOf(SCALAR),
            "upstreams", new ListOf(fields(
                    "name", SCALAR,
                    "api", SCALAR,
                    "base_url", SCALAR,
                    "api_key_env", SCALAR,
                    "models", new ListOf(SCALAR),
                    "timeout", SCALAR,
                    "connect_timeout", SCALAR,
                    "max_connections", SCALAR)),
            "screening", fields("lists", new ListOf(SCALAR), "auto_approve_clear", SCALAR,
                    "embargoed_countries", new ListOf(SCALAR)),
            "network", fields(
                    "geoip", new ListOf(SCALAR),
                    "hosting", new ListOf(SCALAR),
                    "vpn", new ListOf(SCALAR),
                    "tor", new ListOf(SCALAR)),
            "policy", fields(
                    "profile", SCALAR,
                    "networks", new MapOf(SCALAR),
                    "groups", new MapOf(new ListOf(SCALAR)),
                    "group_actions", new MapOf(SCALAR),
                    "tiers", new MapOf(fields("networks", new MapOf(SCALAR), "group_actions", new MapOf(SCALAR))),
                    "credential_sharing", new MapOf(SCALAR),
                    "rules", new ListOf(fields("name", SCALAR, "when", SCALAR, "action", SCALAR, "message", SCALAR))),
            "gateway", fields(
                    "max_body_bytes", SCALAR,
                    "default_max_tokens", SCALAR,
                    "content_retention", SCALAR,
                    "usage_queue_capacity", SCALAR,
                    "usage_queue_bytes", SCALAR),
            "detection", fields(
                    "shadow_mode", SCALAR,
                    "thresholds", fields("flag", SCALAR, "review", SCALAR, "throttle", SCALAR, "degrade", SCALAR,
                            "suspend", SCALAR),
                    "tiers", new MapOf(fields(
                            "thresholds", fields("flag", SCALAR, "review", SCALAR, "throttle", SCALAR, "degrade",
                                    SCALAR, "suspend", SCALAR),
                            "review_harvest_budget", SCALAR)),
                    "min_events_for_action", SCALAR,
                    "review_harvest_budget", SCALAR,
                    "new_account_review_budget", SCALAR,
                    "link_ttl", SCALAR,
                    "idle_eviction", SCALAR,
                    "max_principals", SCALAR,
                    "benchmarks", new ListOf(SCALAR),
                    "degrade_max_tokens", SCALAR,
                    "throttle_limits", fields("requests_per_minute", SCALAR, "tokens_per_minute", SCALAR, "tokens_per_day", SCALAR)),
            "audit", fields(
                    "origin", SCALAR,
                    "allowed_requests", SCALAR,
                    "summary_interval", SCALAR,
                    "witnesses", new ListOf(SCALAR)),
            "limits", fields(
                    "requests_per_minute", SCALAR,
                    "tokens_per_minute", SCALAR,
                    "tokens_per_day", SCALAR));
}
