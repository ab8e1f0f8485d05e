package dev.moat.detect;

import java.time.Instant;
import java.util.Optional;

/**
 * Sign-up facts of an organisation that the detector uses for provenance and linkage; one line of
 * the optional organisation file of {@code moat analyze}.
 */
public record OrgProfile(
        String orgId,
        Optional<Instant> createdAt,
        Optional<String> country,
        Optional<String> tier,
        Optional<String> paymentFingerprint,
        Optional<String> emailDomain,
        Optional<String> signupIp) {

    public OrgProfile {
        if (orgId == null || orgId.isEmpty()) {
            throw new IllegalArgumentException("org_id: empty (expected: the organisation's id)");
        }
        createdAt = createdAt == null ? Optional.empty() : createdAt;
        country = country == null ? Optional.empty() : country;
        tier = tier == null ? Optional.empty() : tier;
        paymentFingerprint = paymentFingerprint == null ? Optional.empty() : paymentFingerprint;
        emailDomain = emailDomain == null ? Optional.empty() : emailDomain;
        signupIp = signupIp == null ? Optional.empty() : signupIp;
    }
}
