package dev.moat.policy;

/** A network data file (geo database, CIDR list, Tor exit list) is missing, unreadable or malformed. */
public final class NetworkDataException extends RuntimeException {

    public NetworkDataException(String message) {
        super(message);
    }

    public NetworkDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
