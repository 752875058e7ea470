/**
 * End-to-end encryption building blocks: SPAKE2 key agreement (RFC 9382), HKDF (RFC 5869) and
 * AES-256-GCM sealed records. Nothing here is wired into the transfer yet; the wiring (issue 4)
 * decides the labels, the identities and how the code becomes the password scalar.
 *
 * <p>BouncyCastle is used only for P-256 point arithmetic ({@code org.bouncycastle.math.ec}); it is
 * never registered as a JCA provider. HMAC, HKDF, SHA-256 and AES-GCM come from {@code javax.crypto}.
 */
package org.p2pcopy.client.crypto;
