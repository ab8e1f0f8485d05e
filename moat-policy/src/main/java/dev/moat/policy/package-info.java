/**
 * Jurisdiction and network policy: where a request really comes from, whether that is allowed, and whether
 * an API key looks shared.
 *
 * <p>What the gateway calls, per request, all thread-safe and allocation-light:
 * <ol>
 *   <li>{@link dev.moat.policy.ClientAddressResolver#resolve(IpAddress, java.util.List)} — socket peer plus
 *       {@code X-Forwarded-For} → client address;</li>
 *   <li>{@link dev.moat.policy.NetworkIntelligence#classify(IpAddress)} — country and network kind, from data
 *       files kept current by a {@link dev.moat.policy.NetworkDataWatcher};</li>
 *   <li>{@link dev.moat.policy.Policy#decide(RequestFacts)} — allow, review or deny with the 403 code, the
 *       client message and the reasons;</li>
 *   <li>{@link dev.moat.policy.CredentialSharingMonitor#observe} — credential-sharing signals (may run off
 *       the request path).</li>
 * </ol>
 * Settings arrive as plain records ({@link dev.moat.policy.NetworkSources},
 * {@link dev.moat.policy.PolicySettings}, {@link dev.moat.policy.SharingSettings}); the module reads no
 * configuration files. docs/policy.md is the operator's reference.
 */
package dev.moat.policy;
