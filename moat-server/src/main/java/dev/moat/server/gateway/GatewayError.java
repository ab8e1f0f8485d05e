package dev.moat.server.gateway;

import java.util.Optional;

/**
 * A refusal or failure to report to the client, rendered by the {@link ApiDialect} in the API's
 * own error shape.
 *
 * @param status     the HTTP status
 * @param code       the machine-readable code (e.g. {@code org_not_approved}, {@code rate_limit_exceeded})
 * @param message    what happened and what the client can do, safe to show to the client
 * @param retryAfter seconds to put in {@code Retry-After}, for 429 and 503
 */
public record GatewayError(int status, String code, String message, Optional<Long> retryAfter) {

    public GatewayError(int status, String code, String message) {
        this(status, code, message, Optional.empty());
    }

    public static GatewayError badRequest(String message) {
        return new GatewayError(400, "invalid_request", message);
    }

    public static GatewayError forbidden(String code, String message) {
        return new GatewayError(403, code, message);
    }

    /** The error-type word of both APIs for this status. */
    public String type() {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 502, 504 -> "api_error";
            case 503 -> "overloaded_error";
            default -> "api_error";
        };
    }
}
