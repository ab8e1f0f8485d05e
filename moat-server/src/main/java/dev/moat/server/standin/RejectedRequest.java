package dev.moat.server.standin;

import java.io.Serial;
import java.util.Optional;

/**
 * A request the stand-in refuses, with what each API calls the refusal; the endpoint that catches it renders it
 * in its own error shape.
 */
final class RejectedRequest extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String openAiType;
    private final transient Optional<String> openAiCode;
    private final transient Optional<String> param;
    private final String anthropicType;

    private RejectedRequest(int status, String openAiType, Optional<String> openAiCode, Optional<String> param,
                            String anthropicType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.openAiType = openAiType;
        this.openAiCode = openAiCode;
        this.param = param;
        this.anthropicType = anthropicType;
    }

    /** 400: the body is not what the API accepts; {@code param} names the offending field when there is one. */
    static RejectedRequest invalid(String message, Optional<String> param) {
        return new RejectedRequest(400, "invalid_request_error", Optional.empty(), param,
                "invalid_request_error", message);
    }

    static RejectedRequest invalid(String param, String message) {
        return invalid(message, Optional.of(param));
    }

    static RejectedRequest unauthenticated(String message) {
        return new RejectedRequest(401, "invalid_request_error", Optional.of("invalid_api_key"), Optional.empty(),
                "authentication_error", message);
    }

    static RejectedRequest unknownModel(String model) {
        return new RejectedRequest(404, "invalid_request_error", Optional.of("model_not_found"),
                Optional.of("model"), "not_found_error",
                "The model `" + model + "` does not exist on this stand-in; GET /v1/models lists the models it serves.");
    }

    static RejectedRequest unknownRoute(String method, String path) {
        return new RejectedRequest(404, "invalid_request_error", Optional.empty(), Optional.empty(),
                "not_found_error", "Invalid URL (" + method + " " + path + ")");
    }

    static RejectedRequest tooLarge(long limitBytes) {
        return new RejectedRequest(413, "invalid_request_error", Optional.empty(), Optional.empty(),
                "request_too_large", "Request body exceeds the stand-in's limit of " + limitBytes + " bytes.");
    }

    static RejectedRequest failed(String message) {
        return new RejectedRequest(500, "server_error", Optional.empty(), Optional.empty(), "api_error", message);
    }

    int status() {
        return status;
    }

    String openAiType() {
        return openAiType;
    }

    Optional<String> openAiCode() {
        return openAiCode;
    }

    Optional<String> param() {
        return param;
    }

    String anthropicType() {
        return anthropicType;
    }
}
