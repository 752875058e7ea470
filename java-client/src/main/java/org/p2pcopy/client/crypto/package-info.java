/**
 * End-to-end encryption (docs/protocol.md §7): SPAKE2 key agreement (RFC 9382) with the code as the
 * password ({@link org.p2pcopy.client.crypto.KeyExchange}), HKDF (RFC 5869) for the traffic keys,
 * and frames sealed as AES-256-GCM records ({@link org.p2pcopy.client.crypto.FrameSealer},
 * {@link org.p2pcopy.client.crypto.FrameOpener}).
 *
 * <p>BouncyCastle is used only for P-256 point arithmetic ({@code org.bouncycastle.math.ec}); it is
 * never registered as a JCA provider. HMAC, HKDF, SHA-256 and AES-GCM come from {@code javax.crypto}.
 */
package org.p2pcopy.client.crypto;
