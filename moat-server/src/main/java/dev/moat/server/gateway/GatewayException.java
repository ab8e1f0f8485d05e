package dev.moat.server.gateway;

/** Ends a call with {@link #error()}; thrown where returning would obscure the flow. */
public final class GatewayException extends RuntimeException {

    private final GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
