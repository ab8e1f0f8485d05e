package dev.moat.server.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A legal customer of the model: who it is, who owns it, where it stands in vetting, and the
 * sign-up facts used to link coordinated accounts.
 *
 * @param screening the stored screening result as JSON, once the organisation has been screened
 */
public record Organisation(
        String id,
        String name,
        String country,
        String contactEmail,
        String tier,
        OrgStatus status,
        String intendedUse,
        List<Owner> owners,
        Optional<String> screening,
        Limits limits,
        Optional<String> paymentFingerprint,
        Optional<String> signupIp,
        Instant createdAt,
        Instant updatedAt) {

    public Organisation {
        owners = List.copyOf(owners);
    }

    public Organisation withStatus(OrgStatus newStatus, Instant at) {
        return new Organisation(id, name, country, contactEmail, tier, newStatus, intendedUse, owners, screening,
                limits, paymentFingerprint, signupIp, createdAt, at);
    }

    public Organisation withScreening(String screeningJson, Instant at) {
        return new Organisation(id, name, country, contactEmail, tier, status, intendedUse, owners, Optional.of(screeningJson),
                limits, paymentFingerprint, signupIp, createdAt, at);
    }

    /** The domain of the contact e-mail address, used for linkage. */
    public String emailDomain() {
        int at = contactEmail == null ? -1 : contactEmail.lastIndexOf('@');
        return at < 0 ? "" : contactEmail.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
