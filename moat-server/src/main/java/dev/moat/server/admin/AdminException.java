package dev.moat.server.admin;

/** An admin request that cannot be done; rendered as {@code {"error":{"code","message"}}} with the status. */
public final class AdminException extends RuntimeException {

    private final int status;
    private final String code;

    public AdminException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static AdminException badRequest(String message) {
        return new AdminException(400, "invalid_request", message);
    }

    public static AdminException notFound(String what) {
        return new AdminException(404, "not_found", what + " does not exist");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
