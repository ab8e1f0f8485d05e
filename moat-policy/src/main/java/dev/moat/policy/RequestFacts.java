package dev.moat.policy;

import java.time.Instant;

/**
 * Everything the policy may look at for one request: plain values the gateway already has.
 *
 * @param client       where the request comes from (see {@link NetworkIntelligence#classify(IpAddress)})
 * @param model        the model requested
 * @param api          {@code openai} or {@code anthropic}
 * @param organisation the key's organisation
 * @param key          the API key used
 * @param time         when the request arrived
 */
public record RequestFacts(NetworkClassification client, String model, String api, Organisation organisation, Key key,
                           Instant time) {

    /**
     * @param id      organisation id
     * @param country the organisation's registered country (ISO code), as vetted
     * @param tier    e.g. {@code self-serve}, {@code enterprise}
     * @param status  {@code pending|review|approved|rejected|suspended}
     * @param ageDays whole days since the organisation was created
     */
    public record Organisation(String id, String country, String tier, String status, long ageDays) {
    }

    /**
     * @param id      key id (never the secret)
     * @param ageDays whole days since the key was created
     */
    public record Key(String id, long ageDays) {
    }
}
