package dev.moat.detect;

/**
 * The kinds of evidence that two organisations are run by the same party, with their weights. Two
 * organisations are linked while the weights of their live evidence kinds sum to at least one: a shared
 * payment fingerprint links alone; a shared address, template and system prompt link together; shared
 * timing or a shared hosting range never link alone, because unrelated customers share those all the
 * time. Several values of one kind (two shared addresses) count once.
 */
enum LinkEvidence {
    PAYMENT(1.0, "payment fingerprint"),
    SIGNUP_IP(0.7, "sign-up address"),
    EMAIL_DOMAIN(0.6, "e-mail domain"),
    IP(0.6, "client address"),
    NETWORK(0.3, "network prefix (/24 or /48)"),
    TEMPLATE(0.35, "prompt template"),
    SYSTEM_PROMPT(0.35, "system prompt"),
    SIGNUP_TIME(0.25, "sign-up within the same ten minutes"),
    START_TIME(0.2, "first traffic within the same ten minutes"),
    SYNC_TIMING(0.2, "synchronised timing (hand-offs of sustained traffic, or runs repeatedly started together)");

    static final double LINK_AT = 1.0;

    final double weight;
    final String label;

    LinkEvidence(double weight, String label) {
        this.weight = weight;
        this.label = label;
    }
}
