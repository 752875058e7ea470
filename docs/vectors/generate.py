#!/usr/bin/python3
"""Writes the protocol test vectors of docs/protocol.md into this folder.

An implementation independent of the Java and JavaScript codecs, so that the vectors check both
instead of echoing one of them. Run it with /usr/bin/python3 (Debian's Python 3); besides the
standard library it needs the Debian packages python3-ecdsa (point arithmetic on NIST P-256),
python3-cryptography (HKDF, AES-256-GCM) and python3-zstandard (Zstandard frames). No curve arithmetic and no cipher is written here by
hand. Run it from anywhere; it rewrites the JSON files beside it. The output is deterministic: the
SPAKE2 secrets are fixed, and every derived value is recomputed on each run (the RFC 9382 values are
asserted before they are written).
"""
import hashlib, hmac, json, os, struct

import ecdsa
import zstandard
from ecdsa.ellipticcurve import INFINITY, PointJacobi
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF, HKDFExpand

HERE = os.path.dirname(os.path.abspath(__file__))
ZERO = bytes(32)


def write(name, description, tests):
    for i, t in enumerate(tests, 1):
        t["tcId"] = i
    doc = {"description": description, "version": 1, "tests": tests}
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


def chain(prev, payload):
    return hashlib.sha256(prev + payload).digest()


def frame(seq, ch, payload):
    return struct.pack(">Q", seq) + ch + payload


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


# ---- SPAKE2 (RFC 9382, P256-SHA256-HKDF-HMAC) and the key schedule of protocol §7, on python-ecdsa

CURVE = ecdsa.NIST256p
G = CURVE.generator
ORDER = CURVE.order            # the prime order of P-256: 'p' in protocol §7.1 and RFC 9382
FIELD = CURVE.curve.p()        # the prime of the coordinate field
M = PointJacobi.from_bytes(CURVE.curve, bytes.fromhex(
    "02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f"), order=ORDER)
N = PointJacobi.from_bytes(CURVE.curve, bytes.fromhex(
    "03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49"), order=ORDER)
ID_A = b"sender"
ID_B = b"receiver"
ENCRYPTION = "aes-256-gcm"
TAG_S2R = bytes.fromhex("00000001")
TAG_R2S = bytes.fromhex("00000002")
RECORD = 16384
SEALED_RECORD = RECORD + 16
MAX_RECORDS = 65


def fixed_secret(label):
    """A fixed SPAKE2 secret in [1, ORDER-1], from SHA-256 of a label (vectors only; real ones are random)."""
    return int.from_bytes(hashlib.sha256(label.encode()).digest(), "big") % (ORDER - 1) + 1


X = fixed_secret("p2p-copy v1 test vectors: sender secret x")
Y = fixed_secret("p2p-copy v1 test vectors: receiver secret y")


def hkdf(salt, ikm, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def hmac256(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def point_bytes(point):
    """Uncompressed SEC1: 04 || X || Y, 65 bytes."""
    assert point != INFINITY
    return point.to_bytes("uncompressed")


def scalar_bytes(k):
    return k.to_bytes(32, "big")


def hex32(k):
    return scalar_bytes(k).hex()


def decode_share(data):
    """A received share (protocol §7.1): exactly 04 || X || Y with X, Y < field prime, on P-256.
    Raises ValueError otherwise. P-256 has cofactor 1 and an affine point is never the identity."""
    if len(data) != 65 or data[0] != 4:
        raise ValueError("not a 65-byte uncompressed point")
    x = int.from_bytes(data[1:33], "big")
    y = int.from_bytes(data[33:], "big")
    if x >= FIELD or y >= FIELD:
        raise ValueError("coordinate not below the field prime")
    if not CURVE.curve.contains_point(x, y):
        raise ValueError("not on P-256")
    return PointJacobi.from_affine(ecdsa.ellipticcurve.Point(CURVE.curve, x, y, ORDER))


def password_scalar(code):
    """w = OS2IP(HKDF-SHA256(salt = "p2p-copy v1 password", IKM = code, info = "", L = 64)) mod p."""
    w = int.from_bytes(hkdf(b"p2p-copy v1 password", code.encode("utf-8"), b"", 64), "big") % ORDER
    assert w != 0
    return w


def share_a(w, x):
    return x * G + w * M


def share_b(w, y):
    return y * G + w * N


def shared_point_a(w, x, p_b):
    k = x * (decode_share(point_bytes(p_b)) + (-(w * N)))
    if k == INFINITY:
        raise ValueError("K is the identity")
    return k


def shared_point_b(w, y, p_a):
    k = y * (decode_share(point_bytes(p_a)) + (-(w * M)))
    if k == INFINITY:
        raise ValueError("K is the identity")
    return k


def lenfield(b):
    return struct.pack("<Q", len(b)) + b


def transcript(id_a, id_b, p_a, p_b, k, w):
    return (lenfield(id_a) + lenfield(id_b) + lenfield(point_bytes(p_a)) + lenfield(point_bytes(p_b))
            + lenfield(point_bytes(k)) + lenfield(scalar_bytes(w)))


def key_schedule(tt, aad):
    """RFC 9382 §4: Ke || Ka = Hash(TT); KcA || KcB = KDF(Ka, nil, "ConfirmationKeys" || AAD); MACs over TT."""
    digest = hashlib.sha256(tt).digest()
    ke, ka = digest[:16], digest[16:]
    kc = hkdf(b"", ka, b"ConfirmationKeys" + aad, 32)
    kc_a, kc_b = kc[:16], kc[16:]
    return {"Ke": ke, "Ka": ka, "KcA": kc_a, "KcB": kc_b, "cA": hmac256(kc_a, tt), "cB": hmac256(kc_b, tt)}


def lenstr(s):
    return lenfield(s.encode("utf-8"))


def handshake_aad(sender_caps, receiver_caps):
    """AAD = lenstr("p2p-copy v1") || lenstr(join(",", sender's)) || lenstr(join(",", receiver's))."""
    return lenstr("p2p-copy v1") + lenstr(",".join(sender_caps)) + lenstr(",".join(receiver_caps))


def traffic_keys(ke):
    """PRK = HKDF-Extract(salt = "p2p-copy v1 session", IKM = Ke); key = HKDF-Expand(PRK, info, 32)."""
    prk = hmac256(b"p2p-copy v1 session", ke)
    s2r = HKDFExpand(algorithm=hashes.SHA256(), length=32, info=b"sender to receiver").derive(prk)
    r2s = HKDFExpand(algorithm=hashes.SHA256(), length=32, info=b"receiver to sender").derive(prk)
    # the same through cryptography's one-step HKDF (Extract then Expand)
    assert s2r == hkdf(b"p2p-copy v1 session", ke, b"sender to receiver", 32)
    assert r2s == hkdf(b"p2p-copy v1 session", ke, b"receiver to sender", 32)
    return s2r, r2s


def side(role, code, secret, peer_share, sender_caps, receiver_caps):
    """One peer's view of the handshake: what it computes from its code, its secret and what it saw."""
    w = password_scalar(code)
    if role == "sender":
        own = share_a(w, secret)
        k = shared_point_a(w, secret, peer_share)
        tt = transcript(ID_A, ID_B, own, peer_share, k, w)
    else:
        own = share_b(w, secret)
        k = shared_point_b(w, secret, peer_share)
        tt = transcript(ID_A, ID_B, peer_share, own, k, w)
    aad = handshake_aad(sender_caps, receiver_caps)
    keys = key_schedule(tt, aad)
    return dict(keys, w=w, K=k, TT=tt, aad=aad)


def handshake(code, sender_caps, receiver_caps, x=X, y=Y):
    """Both peers agree: everything the valid handshake computes."""
    w = password_scalar(code)
    p_a, p_b = share_a(w, x), share_b(w, y)
    a = side("sender", code, x, p_b, sender_caps, receiver_caps)
    b = side("receiver", code, y, p_a, sender_caps, receiver_caps)
    assert a["TT"] == b["TT"] and a["K"] == b["K"] and a["cA"] == b["cA"] and a["cB"] == b["cB"]
    key_s2r, key_r2s = traffic_keys(a["Ke"])
    return dict(a, pA=p_a, pB=p_b, keyS2R=key_s2r, keyR2S=key_r2s,
                encrypt=ENCRYPTION in sender_caps and ENCRYPTION in receiver_caps)


def hello(role, caps, share):
    return {"type": "hello", "version": 1, "role": role, "capabilities": list(caps), "spake2": point_bytes(share).hex()}


def confirm(mac):
    return {"type": "confirm", "mac": mac.hex()}


# ---- sealed frames (protocol §7.3) on cryptography's AES-GCM

def record_aad(counter, last):
    return struct.pack(">Q", counter) + (b"\x01" if last else b"\x00")


def seal(key, tag, counter, plaintext):
    """-> (frame, records). The plaintext (kind || body) is cut into records of 16384 bytes."""
    assert plaintext
    pieces = [plaintext[i:i + RECORD] for i in range(0, len(plaintext), RECORD)]
    out = b""
    for i, piece in enumerate(pieces):
        c = counter + i
        out += AESGCM(key).encrypt(tag + struct.pack(">Q", c), piece, record_aad(c, i == len(pieces) - 1))
    return out, len(pieces)


def open_records(key, tag, counter, wire):
    """The receiver's side of §7.3 up to the plaintext; raises ValueError when the frame must be refused."""
    pieces = [wire[i:i + SEALED_RECORD] for i in range(0, len(wire), SEALED_RECORD)]
    if not pieces or not 17 <= len(pieces[-1]) <= SEALED_RECORD or len(pieces) > MAX_RECORDS:
        raise ValueError("frame of the wrong size")
    out = b""
    for i, piece in enumerate(pieces):
        c = counter + i
        try:
            out += AESGCM(key).decrypt(tag + struct.pack(">Q", c), piece, record_aad(c, i == len(pieces) - 1))
        except InvalidTag:
            raise ValueError("record %d does not open" % i)
    return out, len(pieces)


def open_frame(key, tag, counter, wire):
    """open_records plus the plaintext checks of §7.3: kind 1 (UTF-8 JSON text) or 2 (a chunk frame)."""
    plaintext, records = open_records(key, tag, counter, wire)
    if not plaintext or plaintext[0] not in (1, 2):
        raise ValueError("empty plaintext or unknown kind")
    if plaintext[0] == 1:
        plaintext[1:].decode("utf-8")  # raises UnicodeDecodeError, a ValueError
    return plaintext, records


# ---- chain.json: whole files as chunk payloads -> digest
def chain_vectors():
    tests = []
    cases = [
        ("empty file: no chunks, digest is 32 zero bytes", []),
        ("one byte", [b"\x00"]),
        ("one chunk of text", [b"hello, world\n"]),
        ("three chunks", [b"abc", b"defg", b"h"]),
        ("one full 1 MiB chunk of 0x61 then a short one", [b"a" * 1048576, b"tail"]),
    ]
    for comment, payloads in cases:
        ch = ZERO
        for p in payloads:
            ch = chain(ch, p)
        t = {"comment": comment, "digest": ch.hex()}
        if len(payloads) and len(payloads[0]) > 4096:
            t["payloads"] = [{"repeat": "61", "times": 1048576}, {"hex": b"tail".hex()}]
        else:
            t["payloads"] = [{"hex": p.hex()} for p in payloads]
        t["result"] = "valid"
        tests.append(t)
    write("chain.json", "File digests: chain(-1) = 32 zero bytes, chain(i) = SHA-256(chain(i-1) || payload(i)); "
          "the digest is the last chain value. A payload is {hex} or {repeat: one byte in hex, times}. "
          "Every case is 'valid'.", tests)


# ---- chunks.json: frame encoding and the receiver's checks
def chunk_vectors():
    tests = []
    p0 = b"hello, "
    p1 = b"world\n"
    c0 = chain(ZERO, p0)
    c1 = chain(c0, p1)
    tests.append({"comment": "first chunk of a file", "expectedSeq": 0, "prevChain": ZERO.hex(),
                  "frame": frame(0, c0, p0).hex(), "seq": 0, "chain": c0.hex(), "payload": p0.hex(),
                  "result": "valid"})
    tests.append({"comment": "second chunk", "expectedSeq": 1, "prevChain": c0.hex(),
                  "frame": frame(1, c1, p1).hex(), "seq": 1, "chain": c1.hex(), "payload": p1.hex(),
                  "result": "valid"})
    big = 0x0102030405060708
    pb = b"\xff"
    cb = chain(ZERO, pb)
    tests.append({"comment": "sequence numbers are unsigned 64-bit big-endian", "expectedSeq": big,
                  "prevChain": ZERO.hex(), "frame": frame(big, cb, pb).hex(), "seq": big, "chain": cb.hex(),
                  "payload": pb.hex(), "result": "valid"})
    tests.append({"comment": "40 bytes: header without payload", "frame": frame(0, c0, b"").hex(),
                  "result": "protocol"})
    tests.append({"comment": "shorter than a header", "frame": "0000000000000000", "result": "protocol"})
    tests.append({"comment": "empty frame", "frame": "", "result": "protocol"})
    tests.append({"comment": "chain does not match the payload", "expectedSeq": 0, "prevChain": ZERO.hex(),
                  "frame": frame(0, c0, b"hello! ").hex(), "result": "integrity"})
    tests.append({"comment": "chain computed from a wrong previous value", "expectedSeq": 1, "prevChain": c0.hex(),
                  "frame": frame(1, chain(ZERO, p1), p1).hex(), "result": "integrity"})
    tests.append({"comment": "sequence number skips one", "expectedSeq": 1, "prevChain": c0.hex(),
                  "frame": frame(2, c1, p1).hex(), "result": "integrity"})
    tests.append({"comment": "a chunk replayed", "expectedSeq": 1, "prevChain": c0.hex(),
                  "frame": frame(0, c0, p0).hex(), "result": "integrity"})
    write("chunks.json", "Chunk frames [seq u64 BE | chain 32 | payload]. For 'valid' the frame decodes to seq, "
          "chain and payload, and a receiver that expects expectedSeq after prevChain accepts it. "
          "'protocol': the frame cannot be decoded (wrong length). 'integrity': it decodes but the receiver "
          "must reject it.", tests)


# ---- compressed.json: chunks whose payload is one Zstandard frame (protocol 3.3)
COMPRESSED = 1 << 63


def zstd_frame(data, content_size=True, level=3):
    return zstandard.ZstdCompressor(level=level, write_content_size=content_size).compress(data)


def compressed_vectors():
    tests = []
    text = b"".join(b"%05d p2p-copy moves files and folders through a relay\n" % i for i in range(200))
    more = b"chunk two: " + text[:4000]
    z0 = zstd_frame(text)
    assert len(z0) < len(text)
    c0 = chain(ZERO, text)
    c1 = chain(c0, more)
    z1 = zstd_frame(more)

    def case(comment, wire_seq, prev, payload_frame, result, negotiated=True, remaining=None, ch=None, **extra):
        t = {"comment": comment, "negotiated": negotiated, "expectedSeq": wire_seq & ~COMPRESSED,
             "prevChain": prev.hex(), "remaining": remaining, "frame": frame(wire_seq, ch, payload_frame).hex()}
        t.update(extra)
        t["result"] = result
        return t

    tests.append(case("a compressed first chunk: bit 63 of seq set, the chain over the decompressed bytes",
                      COMPRESSED | 0, ZERO, z0, "valid", remaining=len(text), ch=c0,
                      seq=0, chain=c0.hex(), payload=text.hex()))
    tests.append(case("a compressed second chunk, more of the file left after it", COMPRESSED | 1, c0, z1, "valid",
                      remaining=len(more) + 100, ch=c1, seq=1, chain=c1.hex(), payload=more.hex()))
    tests.append(case("compressed although the peers did not both list zstd", COMPRESSED | 0, ZERO, z0, "protocol",
                      negotiated=False, remaining=len(text), ch=c0))
    tests.append(case("a zstd frame without its content size", COMPRESSED | 0, ZERO, zstd_frame(text, False),
                      "integrity", remaining=len(text), ch=c0))
    big = bytes(1048577)
    tests.append(case("decompresses to 1 MiB + 1 bytes, more than a chunk holds", COMPRESSED | 0, ZERO,
                      zstd_frame(big), "integrity", remaining=2 * len(big), ch=chain(ZERO, big)))
    tests.append(case("decompresses to more bytes than remain of the file", COMPRESSED | 0, ZERO, z0, "integrity",
                      remaining=len(text) - 1, ch=c0))
    tests.append(case("decompresses to nothing", COMPRESSED | 0, ZERO, zstd_frame(b""), "integrity",
                      remaining=10, ch=chain(ZERO, b"")))
    tests.append(case("the chain taken over the compressed bytes instead of the decompressed ones",
                      COMPRESSED | 0, ZERO, z0, "integrity", remaining=len(text), ch=chain(ZERO, z0)))
    broken = bytearray(z0)
    broken[len(broken) // 2] ^= 0xFF
    tests.append(case("a zstd frame with a byte changed in its compressed data", COMPRESSED | 0, ZERO,
                      bytes(broken), "integrity", remaining=len(text), ch=c0))
    tests.append(case("two zstd frames in one payload: a chunk carries exactly one", COMPRESSED | 0, ZERO,
                      z0 + zstd_frame(b"x"), "integrity", remaining=len(text) + 1, ch=chain(ZERO, text + b"x")))
    tests.append(case("not a zstd frame at all", COMPRESSED | 0, ZERO, text[:64], "integrity",
                      remaining=len(text), ch=chain(ZERO, text[:64])))
    write("compressed.json", "Compressed chunks (protocol 3.3): a chunk frame whose seq has bit 63 set carries one "
          "Zstandard frame with its content size, decoding to 1..1048576 bytes; the chain covers the decoded "
          "bytes. negotiated: whether both hellos listed 'zstd'; expectedSeq and prevChain as in chunks.json; "
          "remaining: the bytes of the file not yet received. 'valid': the frame decodes to seq (bit 63 clear), "
          "chain and payload (decompressed). 'protocol': refused because compression was not negotiated. "
          "'integrity': refused as a corrupt chunk.", tests)


# ---- codes.json: code -> room and password scalar w; invalid codes
def code_vectors():
    tests = []
    for comment, code in [
        ("a generated-style code", "7-crayon-orbit"),
        ("the benchmark's code", "7-test-code"),
        ("no '-': the room is the whole code", "solo"),
        ("only the first '-' separates the room", "42-a-b-c"),
        ("non-ASCII secret", "9-über-straße"),
        ("'-' right after the room: empty secret", "5-"),
    ]:
        room = code.split("-", 1)[0]
        tests.append({"comment": comment, "code": code, "room": room,
                      "w": hex32(password_scalar(code)),
                      "result": "valid"})
    for comment, code in [
        ("empty", ""),
        ("starts with '-': empty room", "-abc"),
        ("room with a character outside A-Z a-z 0-9 _", "a.b-c"),
        ("room with a slash", "a/b-c"),
        ("whitespace", "7 crayon"),
        ("control character", "7-a\u0007b"),
        ("room longer than 64 characters", "r" * 65 + "-x"),
        ("code longer than 256 characters", "7-" + "x" * 255),
    ]:
        tests.append({"comment": comment, "code": code, "result": "invalid"})
    write("codes.json", "Codes: the room is the part before the first '-'. w is the SPAKE2 password scalar "
          "of the whole code, 32 bytes big-endian: OS2IP(HKDF-SHA256(salt = 'p2p-copy v1 password', "
          "IKM = UTF-8(code), info = '', L = 64)) mod the order of P-256.", tests)


# ---- endpoints.json: server as typed + room + role -> WebSocket URL
def endpoint_vectors():
    tests = []
    for comment, server, url in [
        ("ws with port", "ws://127.0.0.1:8080", "ws://127.0.0.1:8080/relay/v1/7/send"),
        ("trailing slash dropped", "ws://127.0.0.1:8080/", "ws://127.0.0.1:8080/relay/v1/7/send"),
        ("wss", "wss://relay.example.org", "wss://relay.example.org/relay/v1/7/send"),
        ("http becomes ws", "http://localhost:8080", "ws://localhost:8080/relay/v1/7/send"),
        ("https becomes wss", "https://relay.example.org", "wss://relay.example.org/relay/v1/7/send"),
        ("no scheme means wss", "relay.example.org", "wss://relay.example.org/relay/v1/7/send"),
        ("no scheme with port", "relay.example.org:8443", "wss://relay.example.org:8443/relay/v1/7/send"),
        ("context root kept", "https://host.example/p2p", "wss://host.example/p2p/relay/v1/7/send"),
        ("context root with trailing slash", "https://host.example/p2p/", "wss://host.example/p2p/relay/v1/7/send"),
        ("scheme is case-insensitive", "HTTPS://relay.example.org", "wss://relay.example.org/relay/v1/7/send"),
        ("IPv6 literal", "ws://[::1]:8080", "ws://[::1]:8080/relay/v1/7/send"),
    ]:
        tests.append({"comment": comment, "server": server, "room": "7", "role": "send", "url": url,
                      "result": "valid"})
    tests.append({"comment": "receive role", "server": "ws://127.0.0.1:8080", "room": "abc_9",
                  "role": "receive", "url": "ws://127.0.0.1:8080/relay/v1/abc_9/receive", "result": "valid"})
    for comment, server in [
        ("unsupported scheme", "ftp://relay.example.org"),
        ("empty", ""),
        ("query string", "wss://relay.example.org/?a=b"),
        ("fragment", "wss://relay.example.org/#x"),
        ("no host", "wss:///path"),
    ]:
        tests.append({"comment": comment, "server": server, "room": "7", "role": "send", "result": "invalid"})
    write("endpoints.json", "Relay endpoint URLs: {base}/relay/v1/{room}/{role}, base as the user typed it "
          "(http->ws, https->wss, no scheme->wss, trailing '/' dropped, path kept).", tests)


# ---- paths.json: manifest paths
def path_vectors():
    valid = [
        ("plain file name", "a.txt"),
        ("nested", "dir/sub/file.bin"),
        ("spaces", "my folder/my file.txt"),
        ("non-ASCII", "Ünïcödé/日本語.txt"),
        ("dot file", ".hidden"),
        ("three dots is a name", "..."),
        ("dots inside a name", "a..b/c"),
        ("255-byte element", "x" * 255),
    ]
    invalid = [
        ("empty", ""),
        ("absolute", "/etc/passwd"),
        ("parent", ".."),
        ("parent first", "../x"),
        ("parent inside", "a/../../x"),
        ("parent last", "a/.."),
        ("current element", "./a"),
        ("current element inside", "a/./b"),
        ("lone dot", "."),
        ("trailing slash", "a/"),
        ("double slash", "a//b"),
        ("backslash", "a\\b"),
        ("backslash parent", "..\\x"),
        ("drive letter", "C:x"),
        ("drive letter absolute", "C:\\Windows"),
        ("colon", "a:b"),
        ("NUL", "a\u0000b"),
        ("newline", "a\nb"),
        ("DEL", "a\u007fb"),
        ("256-byte element", "x" * 256),
        ("path longer than 4096 bytes", "/".join(["y" * 100] * 41)),
    ]
    tests = [{"comment": c, "path": p, "result": "valid"} for c, p in valid]
    tests += [{"comment": c, "path": p, "result": "invalid"} for c, p in invalid]
    write("paths.json", "Manifest paths: relative, '/'-separated, no '.' or '..' element, no '\\\\', ':', NUL or "
          "control character, elements up to 255 UTF-8 bytes, paths up to 4096.", tests)


# ---- close-codes.json
def close_code_vectors():
    relay = [
        (1001, "going_away", 3, "the relay is shutting down"),
        (1009, "frame_too_large", 3, "a frame was larger than the relay's cap"),
        (1013, "relay_busy", 3, "the relay holds as many rooms or connections as it is allowed"),
        (4000, "bad_request", 3, "malformed endpoint path, unknown role, or a frame sent before 'paired'"),
        (4001, "room_taken", 3, "this room already has a peer with this role"),
        (4002, "peer_left", 4, "the other peer disconnected"),
        (4003, "waited_too_long", 3, "no peer came within the relay's wait limit"),
        (4004, "unsupported_version", 3, "the relay does not speak the version in the path"),
        (4005, "too_many_connections", 3, "this address opened more connections in the last minute than the relay "
                                          "allows"),
        (4006, "too_many_failed_pairings", 3, "connections from this address took part in too many failed "
                                              "pairings in the last minute"),
        (4007, "idle", 3, "paired, but no frame crossed within the relay's idle limit"),
    ]
    peer = [
        (4100, "wrong_code", 7, "this peer stops because the key confirmation failed (its own check, or the "
                                "peer's error wrong_code)"),
    ]
    tests = [{"comment": comment, "code": code, "name": name, "by": by, "exitCode": exit_code, "result": "valid"}
             for by, cases in (("relay", relay), ("peer", peer))
             for code, name, exit_code, comment in cases]
    write("close-codes.json", "Close codes, their names, who closes with them and the exit code. Every case is "
          "'valid': by 'relay', the relay closes a peer's connection with code and that client exits with "
          "exitCode; by 'peer', a client that stops with exitCode for this reason closes its own connection "
          "with code.", tests)


# ---- error-codes.json
def error_code_vectors():
    cases = [
        ("wrong_code", 7, "the key confirmation failed: the peers typed different codes, or the handshake was altered"),
        ("version", 4, "the peer does not speak this version"),
        ("protocol", 4, "a frame broke the protocol"),
        ("integrity", 5, "a chunk's chain or a file's digest, size or chunk count did not match, "
                         "or a sealed frame failed authentication"),
        ("bad_path", 4, "a manifest path is not allowed"),
        ("exists", 6, "a file to be written exists already"),
        ("no_space", 6, "the receiver's disk cannot hold the transfer"),
        ("io", 6, "the peer could not read or write a file"),
        ("changed", 6, "a file changed while it was being sent"),
        ("cancelled", 4, "the user stopped the transfer"),
    ]
    tests = [{"comment": comment, "code": code, "exitCode": exit_code, "result": "valid"}
             for code, exit_code, comment in cases]
    write("error-codes.json", "Codes of the error message and the exit code of the peer that receives one. "
          "Every case is 'valid'.", tests)


# ---- messages.json
def message_vectors():
    hs = handshake("7-crayon-orbit", [ENCRYPTION], [ENCRYPTION])
    h = point_bytes(hs["pA"]).hex()
    valid = [
        ("hello from the sender, with its SPAKE2 share pA",
         dict(hello("sender", [ENCRYPTION], hs["pA"]), software="p2p-copy-java/0.1.0")),
        ("hello without the optional software member, two capabilities",
         hello("receiver", [ENCRYPTION, "zstd"], hs["pB"])),
        ("hello without capabilities (a sender with encryption off)", hello("sender", [], hs["pA"])),
        ("confirm", confirm(hs["cA"])),
        ("manifest with folders, files and an empty file", {"type": "manifest", "more": False, "entries": [
            {"path": "photos", "kind": "dir"},
            {"path": "photos/a b.jpg", "kind": "file", "size": 123456},
            {"path": "photos/empty", "kind": "dir"},
            {"path": "photos/zero.txt", "kind": "file", "size": 0}]}),
        ("manifest part with more to come", {"type": "manifest", "more": True, "entries": [
            {"path": "Ünïcödé.txt", "kind": "file", "size": 9007199254740991}]}),
        ("accept", {"type": "accept"}),
        ("accept of a resuming receiver: a partial file and a complete one", {"type": "accept", "resume": [
            {"index": 0, "size": 2097152, "chain": hashlib.sha256(b"a").hexdigest()},
            {"index": 3, "size": 13, "chain": hashlib.sha256(b"b").hexdigest()}]}),
        ("accept that resumes nothing", {"type": "accept", "resume": []}),
        ("file_begin that continues a file", {"type": "file_begin", "index": 0, "path": "photos/a b.jpg",
                                              "size": 3000000, "offset": 2097152}),
        ("file_begin", {"type": "file_begin", "index": 0, "path": "photos/a b.jpg", "size": 123456}),
        ("file_end", {"type": "file_end", "index": 0, "chunks": 1, "size": 123456,
                      "digest": hashlib.sha256(b"x").hexdigest()}),
        ("end", {"type": "end", "files": 2, "bytes": 123456}),
        ("ack", {"type": "ack", "files": 2, "bytes": 123456}),
        ("error", {"type": "error", "code": "exists", "message": "photos/a b.jpg exists already"}),
    ]
    tests = [{"comment": c, "json": compact(m), "message": m, "result": "valid"} for c, m in valid]
    # Unknown members are ignored: the decoded message equals the one without them.
    tests.append({"comment": "unknown members are ignored", "json":
                  '{"type":"end","files":1,"bytes":5,"compression":"zstd","x":{"y":[1,2]}}',
                  "message": {"type": "end", "files": 1, "bytes": 5}, "result": "valid"})
    tests.append({"comment": "members in another order and with white space", "json":
                  '{ "bytes" : 5 ,\n "files": 1, "type": "ack" }',
                  "message": {"type": "ack", "files": 1, "bytes": 5}, "result": "valid"})
    invalid = [
        ("not JSON", "hello"),
        ("truncated JSON", '{"type":"end","files":1'),
        ("a JSON array", '[{"type":"accept"}]'),
        ("no type", '{"files":1,"bytes":5}'),
        ("unknown type", '{"type":"teleport"}'),
        ("type is not a string", '{"type":5}'),
        ("missing member", '{"type":"end","files":1}'),
        ("negative size", '{"type":"file_begin","index":0,"path":"a","size":-1}'),
        ("size is a string", '{"type":"file_begin","index":0,"path":"a","size":"12"}'),
        ("size is fractional", '{"type":"file_begin","index":0,"path":"a","size":1.5}'),
        ("size above 2^53-1", '{"type":"file_begin","index":0,"path":"a","size":9007199254740992}'),
        ("unknown entry kind", '{"type":"manifest","more":false,"entries":[{"path":"a","kind":"link"}]}'),
        ("file entry without size", '{"type":"manifest","more":false,"entries":[{"path":"a","kind":"file"}]}'),
        ("digest of wrong length", '{"type":"file_end","index":0,"chunks":1,"size":1,"digest":"abcd"}'),
        ("digest in upper case", '{"type":"file_end","index":0,"chunks":1,"size":1,"digest":"' + "AB" * 32 + '"}'),
        ("hello role unknown", '{"type":"hello","version":1,"role":"both","capabilities":[],"spake2":"' + h + '"}'),
        ("hello capabilities not strings",
         '{"type":"hello","version":1,"role":"sender","capabilities":[1],"spake2":"' + h + '"}'),
        ("hello capabilities not an array",
         '{"type":"hello","version":1,"role":"sender","capabilities":"aes-256-gcm","spake2":"' + h + '"}'),
        ("hello version not an integer",
         '{"type":"hello","version":"1","role":"sender","capabilities":[],"spake2":"' + h + '"}'),
        ("hello spake2 of 128 digits",
         '{"type":"hello","version":1,"role":"sender","capabilities":[],"spake2":"' + h[:128] + '"}'),
        ("hello spake2 of 132 digits",
         '{"type":"hello","version":1,"role":"sender","capabilities":[],"spake2":"' + h + '00"}'),
        ("hello spake2 in upper case",
         '{"type":"hello","version":1,"role":"sender","capabilities":[],"spake2":"' + h.upper() + '"}'),
        ("hello spake2 with a digit that is not hex",
         '{"type":"hello","version":1,"role":"sender","capabilities":[],"spake2":"' + h[:-1] + 'g"}'),
        ("hello spake2 not a string", '{"type":"hello","version":1,"role":"sender","capabilities":[],"spake2":4}'),
        ("hello missing spake2", '{"type":"hello","version":1,"role":"sender","capabilities":[]}'),
        ("hello of the old protocol: proof instead of spake2",
         '{"type":"hello","version":1,"role":"sender","capabilities":[],"proof":"' + "ab" * 32 + '"}'),
        ("confirm mac of 62 digits", '{"type":"confirm","mac":"' + hs["cA"].hex()[:62] + '"}'),
        ("confirm mac of 66 digits", '{"type":"confirm","mac":"' + hs["cA"].hex() + 'ab"}'),
        ("confirm mac in upper case", '{"type":"confirm","mac":"' + hs["cA"].hex().upper() + '"}'),
        ("confirm mac missing", '{"type":"confirm"}'),
        ("confirm mac null", '{"type":"confirm","mac":null}'),
        ("more is not a boolean", '{"type":"manifest","more":"no","entries":[]}'),
        ("accept resume not an array", '{"type":"accept","resume":{"index":0,"size":1,"chain":"' + "ab" * 32 + '"}}'),
        ("accept resume item without chain", '{"type":"accept","resume":[{"index":0,"size":1}]}'),
        ("accept resume item with a negative size",
         '{"type":"accept","resume":[{"index":0,"size":-1,"chain":"' + "ab" * 32 + '"}]}'),
        ("accept resume item with a chain of 62 digits",
         '{"type":"accept","resume":[{"index":0,"size":1,"chain":"' + "ab" * 31 + '"}]}'),
        ("accept resume item with a chain in upper case",
         '{"type":"accept","resume":[{"index":0,"size":1,"chain":"' + "AB" * 32 + '"}]}'),
        ("accept resume null", '{"type":"accept","resume":null}'),
        ("file_begin offset is a string", '{"type":"file_begin","index":0,"path":"a","size":5,"offset":"0"}'),
        ("file_begin offset above 2^53-1",
         '{"type":"file_begin","index":0,"path":"a","size":5,"offset":9007199254740992}'),
        ("null member", '{"type":"error","code":null,"message":"x"}'),
    ]
    tests += [{"comment": c, "json": j, "result": "invalid"} for c, j in invalid]
    write("messages.json", "Control messages. 'valid': json decodes to message (members not in message are "
          "ignored); message encodes to JSON that decodes back to message. 'invalid': json is a protocol error. "
          "A hello's spake2 and a confirm's mac are checked here only as hex strings of 130 and 64 lower-case "
          "digits; whether spake2 is a point of P-256 is the handshake's check (handshake.json).",
          tests)


# ---- spake2.json: RFC 9382 Appendix B, recomputed here and checked against the RFC's values
RFC9382_B = [
    # idA, idB, w, x, y, pA, pB, K, Ke, Ka, KcA, KcB, cA (A conf), cB (B conf)
    ("server", "client",
     "2ee57912099d31560b3a44b1184b9b4866e904c49d12ac5042c97dca461b1a5f",
     "43dd0fd7215bdcb482879fca3220c6a968e66d70b1356cac18bb26c84a78d729",
     "dcb60106f276b02606d8ef0a328c02e4b629f84f89786af5befb0bc75b6e66be",
     "04a56fa807caaa53a4d28dbb9853b9815c61a411118a6fe516a8798434751470f9010153ac33d0d5f2047ffdb1a3e42c9b4e6be662766e1eeb4116988ede5f912c",
     "0406557e482bd03097ad0cbaa5df82115460d951e3451962f1eaf4367a420676d09857ccbc522686c83d1852abfa8ed6e4a1155cf8f1543ceca528afb591a1e0b7",
     "0412af7e89717850671913e6b469ace67bd90a4df8ce45c2af19010175e37eed69f75897996d539356e2fa6a406d528501f907e04d97515fbe83db277b715d3325",
     "0e0672dc86f8e45565d338b0540abe69", "15bdf72e2b35b5c9e5663168e960a91b",
     "00c12546835755c86d8c0db7851ae86f", "a9fa3406c3b781b93d804485430ca27a",
     "58ad4aa88e0b60d5061eb6b5dd93e80d9c4f00d127c65b3b35b1b5281fee38f0",
     "d3e2e547f1ae04f2dbdbf0fc4b79f8ecff2dff314b5d32fe9fcef2fb26dc459b"),
    ("", "client",
     "0548d8729f730589e579b0475a582c1608138ddf7054b73b5381c7e883e2efae",
     "403abbe3b1b4b9ba17e3032849759d723939a27a27b9d921c500edde18ed654b",
     "903023b6598908936ea7c929bd761af6039577a9c3f9581064187c3049d87065",
     "04a897b769e681c62ac1c2357319a3d363f610839c4477720d24cbe32f5fd85f44fb92ba966578c1b712be6962498834078262caa5b441ecfa9d4a9485720e918a",
     "04e0f816fd1c35e22065d5556215c097e799390d16661c386e0ecc84593974a61b881a8c82327687d0501862970c64565560cb5671f696048050ca66ca5f8cc7fc",
     "048f83ec9f6e4f87cc6f9dc740bdc2769725f923364f01c84148c049a39a735ebda82eac03e00112fd6a5710682767cff5361f7e819e53d8d3c3a2922e0d837aa6",
     "642f05c473c2cd79909f9a841e2f30a7", "0bf89b18180af97353ba198789c2b963",
     "c6be376fc7cd1301fd0a13adf3e7bffd", "b7243f4ae60440a49b3f8cab3c1fba07",
     "47d29e6666af1b7dd450d571233085d7a9866e4d49d2645e2df975489521232b",
     "3313c5cefc361d27fb16847a91c2a73b766ffa90a4839122a9b70a2f6bd1d6df"),
    ("server", "",
     "626e0cdc7b14c9db3e52a0b1b3a768c98e37852d5db30febe0497b14eae8c254",
     "07adb3db6bc623d3399726bfdbfd3d15a58ea776ab8a308b00392621291f9633",
     "b6a4fc8dbb629d4ba51d6f91ed1532cf87adec98f25dd153a75accafafedec16",
     "04f88fb71c99bfffaea370966b7eb99cd4be0ff1a7d335caac4211c4afd855e2e15a873b298503ad8ba1d9cbb9a392d2ba309b48bfd7879aefd0f2cea6009763b0",
     "040c269d6be017dccb15182ac6bfcd9e2a14de019dd587eaf4bdfd353f031101e7cca177f8eb362a6e83e7d5e729c0732e1b528879c086f39ba0f31a9661bd34db",
     "0445ee233b8ecb51ebd6e7da3f307e88a1616bae2166121221fdc0dadb986afaf3ec8a988dc9c626fa3b99f58a7ca7c9b844bb3e8dd9554aafc5b53813504c1cbe",
     "005184ff460da2ce59062c87733c299c", "3521297d736598fc0a1127600efa1afb",
     "f3da53604f0aeecea5a33be7bddf6edf", "9e3f86848736f159bd92b6e107ec6799",
     "bc9f9bbe99f26d0b2260e6456e05a86196a3307ec6663a18bf6ac825736533b2",
     "c2370e1bf813b086dff0d834e74425a06e6390f48f5411900276dcccc5a297ec"),
    ("", "",
     "7bf46c454b4c1b25799527d896508afd5fc62ef4ec59db1efb49113063d70cca",
     "8cef65df64bb2d0f83540c53632de911b5b24b3eab6cc74a97609fd659e95473",
     "d7a66f64074a84652d8d623a92e20c9675c61cb5b4f6a0063e4648a2fdc02d53",
     "04a65b367a3f613cf9f0654b1b28a1e3a8a40387956c8ba6063e8658563890f46ca1ef6a676598889fc28de2950ab8120b79a5ef1ea4c9f44bc98f585634b46d66",
     "04589f13218822710d98d8b2123a079041052d9941b9cf88c6617ddb2fcc0494662eea8ba6b64692dc318250030c6af045cb738bc81ba35b043c3dcb46adf6f58d",
     "041a3c03d51b452537ca2a1fea6110353c6d5ed483c4f0f86f4492ca3f378d40a994b4477f93c64d928edbbcd3e85a7c709b7ea73ee97986ce3d1438e135543772",
     "fc6374762ba5cf11f4b2caa08b2cd1b9", "907ae0e26e8d6234318d91583cd74c86",
     "5dbd2f477166b7fb6d61febbd77a5563", "7689b4654407a5faeffdc8f18359d8a3",
     "dfb4db8d48ae5a675963ea5e6c19d98d4ea028d8e898dad96ea19a80ade95dca",
     "d0f0609d1613138d354f7e95f19fb556bf52d751947241e8c7118df5ef0ae175"),
]


def spake2_vectors():
    tests = []
    for id_a, id_b, w_hex, x_hex, y_hex, *rfc in RFC9382_B:
        w, x, y = int(w_hex, 16), int(x_hex, 16), int(y_hex, 16)
        ia, ib = id_a.encode("utf-8"), id_b.encode("utf-8")
        p_a, p_b = share_a(w, x), share_b(w, y)
        k = shared_point_a(w, x, p_b)
        assert k == shared_point_b(w, y, p_a)
        tt = transcript(ia, ib, p_a, p_b, k, w)
        keys = key_schedule(tt, b"")
        got = [point_bytes(p_a), point_bytes(p_b), point_bytes(k)] + [keys[n] for n in
                                                                      ("Ke", "Ka", "KcA", "KcB", "cA", "cB")]
        assert [g.hex() for g in got] == rfc, (id_a, id_b)
        # TT is not hard-coded: Ke || Ka = SHA-256(TT) matching the RFC pins it byte for byte.
        tests.append({"comment": "RFC 9382 Appendix B: A = '%s', B = '%s'" % (id_a, id_b),
                      "idA": id_a, "idB": id_b, "w": w_hex, "x": x_hex, "y": y_hex,
                      "pA": rfc[0], "pB": rfc[1], "K": rfc[2], "TT": tt.hex(), "Ke": rfc[3], "Ka": rfc[4],
                      "KcA": rfc[5], "KcB": rfc[6], "cA": rfc[7], "cB": rfc[8], "aad": "", "result": "valid"})
    write("spake2.json", "SPAKE2 P256-SHA256-HKDF-HMAC, the four test vectors of RFC 9382 Appendix B (AAD "
          "empty, identities as UTF-8 text, everything else hex; points uncompressed SEC1, w 32 bytes "
          "big-endian). pA = x*P + w*M, pB = y*P + w*N, K = x*(pB - w*N) = y*(pA - w*M), TT as RFC 9382 "
          "section 4, Ke || Ka = SHA-256(TT), KcA || KcB = HKDF-SHA256(salt = '', IKM = Ka, info = "
          "'ConfirmationKeys' || aad, L = 32), cA = HMAC-SHA256(KcA, TT), cB = HMAC-SHA256(KcB, TT). "
          "Every case is 'valid'.", tests)


# ---- handshake.json: the handshake of protocol §4.1 and §7.1-7.2
def find_point_with_small_x():
    """A point of P-256 whose x-coordinate + the field prime still fits in 32 bytes (python-ecdsa decompresses)."""
    for x in range(1, 1000):
        try:
            return PointJacobi.from_bytes(CURVE.curve, b"\x02" + x.to_bytes(32, "big"), order=ORDER)
        except ecdsa.errors.MalformedPointError:
            continue
    raise AssertionError("no point with a small x")


def handshake_vectors():
    tests = []
    valid = [
        ("both peers encrypt", "7-crayon-orbit", [ENCRYPTION], [ENCRYPTION]),
        ("encryption off: the sender leaves aes-256-gcm out, the receiver lists it", "7-crayon-orbit",
         [], [ENCRYPTION]),
        ("non-ASCII code: w is computed from its UTF-8 bytes", "42-grüße-straße", [ENCRYPTION], [ENCRYPTION]),
        ("code without '-': all room", "crayon", [ENCRYPTION], [ENCRYPTION]),
        ("two capabilities each, in different orders: each list is joined in its own hello's order",
         "7-crayon-orbit", [ENCRYPTION, "zstd"], ["zstd", ENCRYPTION]),
    ]
    for comment, code, sc, rc in valid:
        hs = handshake(code, sc, rc)
        t = {"comment": comment, "code": code, "x": hex32(X), "y": hex32(Y),
             "senderCapabilities": sc, "receiverCapabilities": rc,
             "w": hex32(hs["w"]), "pA": point_bytes(hs["pA"]).hex(), "pB": point_bytes(hs["pB"]).hex(),
             "K": point_bytes(hs["K"]).hex(), "TT": hs["TT"].hex(), "aad": hs["aad"].hex(),
             "Ke": hs["Ke"].hex(), "Ka": hs["Ka"].hex(), "KcA": hs["KcA"].hex(), "KcB": hs["KcB"].hex(),
             "cA": hs["cA"].hex(), "cB": hs["cB"].hex(), "keyS2R": hs["keyS2R"].hex(), "keyR2S": hs["keyR2S"].hex(),
             "encrypt": hs["encrypt"],
             "senderHello": hello("sender", sc, hs["pA"]), "receiverHello": hello("receiver", rc, hs["pB"]),
             "senderConfirm": confirm(hs["cA"]), "receiverConfirm": confirm(hs["cB"]), "result": "valid"}
        tests.append(t)

    nfd = "42-gru\u0308ße"
    wrong = [
        ("different codes, same room", "7-crayon-orbit", "7-crayon-orbjt", [ENCRYPTION], [ENCRYPTION], None, None),
        ("codes differ in case only: no case folding", "7-crayon-orbit", "7-Crayon-orbit",
         [ENCRYPTION], [ENCRYPTION], None, None),
        ("the same text, composed (NFC) and decomposed (NFD): no normalisation", "42-grüße", nfd,
         [ENCRYPTION], [ENCRYPTION], None, None),
        ("codes differ, encryption off", "7-crayon-orbit", "7-crayon-orbjt", [], [ENCRYPTION], None, None),
        ("same code, but the relay removed aes-256-gcm from the sender's hello on its way to the receiver",
         "7-crayon-orbit", "7-crayon-orbit", [ENCRYPTION], [ENCRYPTION], [], None),
        ("same code, but the relay removed aes-256-gcm from the receiver's hello on its way to the sender",
         "7-crayon-orbit", "7-crayon-orbit", [ENCRYPTION], [ENCRYPTION], None, []),
        ("same code, but the relay reordered the sender's capabilities",
         "7-crayon-orbit", "7-crayon-orbit", [ENCRYPTION, "zstd"], [ENCRYPTION], ["zstd", ENCRYPTION], None),
    ]
    for comment, s_code, r_code, sc, rc, r_sees_sc, s_sees_rc in wrong:
        r_sees_sc = sc if r_sees_sc is None else r_sees_sc
        s_sees_rc = rc if s_sees_rc is None else s_sees_rc
        p_a = share_a(password_scalar(s_code), X)
        p_b = share_b(password_scalar(r_code), Y)
        a = side("sender", s_code, X, p_b, sc, s_sees_rc)
        b = side("receiver", r_code, Y, p_a, r_sees_sc, rc)
        assert a["cA"] != b["cA"] and a["cB"] != b["cB"]
        tests.append({"comment": comment, "senderCode": s_code, "receiverCode": r_code, "x": hex32(X), "y": hex32(Y),
                      "senderCapabilities": sc, "receiverCapabilities": rc,
                      "receiverSeesSenderCapabilities": r_sees_sc, "senderSeesReceiverCapabilities": s_sees_rc,
                      "pA": point_bytes(p_a).hex(), "pB": point_bytes(p_b).hex(),
                      "cA": a["cA"].hex(), "cB": b["cB"].hex(),
                      "senderExpects": a["cB"].hex(), "receiverExpects": b["cA"].hex(), "result": "wrong_code"})

    code = "7-crayon-orbit"
    w = password_scalar(code)
    p_a, p_b = share_a(w, X), share_b(w, Y)
    pa_bytes, pb_bytes = point_bytes(p_a), point_bytes(p_b)
    off_curve = pa_bytes[:-1] + bytes([pa_bytes[-1] ^ 1])
    small = find_point_with_small_x()
    sx, sy = small.to_affine().x(), small.to_affine().y()
    assert sx + FIELD < 2 ** 256
    x_too_big = b"\x04" + (sx + FIELD).to_bytes(32, "big") + sy.to_bytes(32, "big")
    invalid = [
        ("compressed SEC1 encoding of the receiver's valid share", "sender", p_b.to_bytes("compressed"), "share"),
        ("hybrid SEC1 encoding (06/07) of the receiver's valid share", "sender", p_b.to_bytes("hybrid"), "share"),
        ("65 bytes starting with 04, not on P-256 (last bit of Y flipped)", "receiver", off_curve, "share"),
        ("the identity in SEC1: a single 00 byte", "receiver", b"\x00", "share"),
        ("04 followed by 64 zero bytes: (0, 0) is not on P-256", "receiver", b"\x04" + bytes(64), "share"),
        ("empty", "receiver", b"", "share"),
        ("64 bytes: X || Y without the 04", "sender", pb_bytes[1:], "share"),
        ("66 bytes: a valid share and one more byte", "sender", pb_bytes + b"\x00", "share"),
        ("X is the x-coordinate of a point on P-256 plus the field prime (the same point mod p, "
         "but not a canonical encoding)", "receiver", x_too_big, "share"),
        ("a valid point, pB = w*N: the sender's K = x*(pB - w*N) is the identity", "sender",
         point_bytes(w * N), "K"),
        ("a valid point, pA = w*M: the receiver's K = y*(pA - w*M) is the identity", "receiver",
         point_bytes(w * M), "K"),
    ]
    for comment, by, share, refused in invalid:
        try:
            peer = decode_share(share)
        except ValueError:
            assert refused == "share"
        else:
            assert refused == "K"
            try:
                shared_point_a(w, X, peer) if by == "sender" else shared_point_b(w, Y, peer)
                raise AssertionError(comment)
            except ValueError:
                pass
        tests.append({"comment": comment, "code": code, "x": hex32(X), "y": hex32(Y), "receivedBy": by,
                      "share": share.hex(), "refused": refused, "result": "invalid"})
    # the x >= field prime case really is a point modulo the field prime (a lax decoder would take it)
    assert CURVE.curve.contains_point(sx, sy) and (sx + FIELD) % FIELD == sx

    write("handshake.json", "The handshake of protocol 4.1 and 7.1-7.2 with fixed SPAKE2 secrets x (sender, "
          "party A) and y (receiver, party B), idA = 'sender', idB = 'receiver'. 'valid': both peers use code "
          "and agree on every value; hellos and confirms are JSON objects (no 'software'). 'wrong_code': the "
          "sender computes with senderCode and the capability lists it sent and saw, the receiver with "
          "receiverCode and the lists it saw; cA is what the sender sends, cB what the receiver sends, "
          "senderExpects/receiverExpects what each expects from the other; each must find the other's MAC "
          "wrong. 'invalid': receivedBy, running the handshake with code and its own secret, must refuse "
          "share: at the share check ('refused': 'share', a protocol error) or because K is the identity "
          "('refused': 'K').", tests)


# ---- sealed.json: sealed frames of protocol §7.3
def body_json(body):
    if len(body) > 64 and len(set(body)) == 1:
        return {"repeat": body[:1].hex(), "times": len(body)}
    return {"hex": body.hex()}


def mutate(wire, mutation, records):
    """The wire after a mutation and the (counter, tag, key) overrides for opening it."""
    (op, arg), = mutation.items()
    pieces = [wire[i:i + SEALED_RECORD] for i in range(0, len(wire), SEALED_RECORD)]
    assert len(pieces) == records
    if op == "flipByte":
        return wire[:arg] + bytes([wire[arg] ^ 0x01]) + wire[arg + 1:], {}
    if op == "truncate":
        assert arg < len(wire)
        return wire[:arg], {}
    if op == "swapRecords":
        i, j = arg
        pieces[i], pieces[j] = pieces[j], pieces[i]
        return b"".join(pieces), {}
    if op == "dropRecord":
        del pieces[arg]
        return b"".join(pieces), {}
    if op == "appendBytes":
        return wire + bytes.fromhex(arg), {}
    if op == "openCounter":
        return wire, {"counter": arg}
    if op == "openTag":
        return wire, {"tag": bytes.fromhex(arg)}
    if op == "openKey":
        return wire, {"key": bytes.fromhex(arg)}
    raise AssertionError(op)


def sealed_vectors():
    hs = handshake("7-crayon-orbit", [ENCRYPTION], [ENCRYPTION])
    s2r, r2s = hs["keyS2R"], hs["keyR2S"]
    c0 = chain(ZERO, b"hello, world\n")
    chunk = frame(0, c0, b"hello, world\n")
    control = compact({"type": "file_begin", "index": 0, "path": "Grüße.txt", "size": 13}).encode("utf-8")
    valid = [
        ("a control message (kind 1) from the sender, counter 0", s2r, TAG_S2R, 0, 1, control),
        ("a chunk frame (kind 2) of 13 bytes of payload", s2r, TAG_S2R, 1, 2, chunk),
        ("a plaintext of exactly 16384 bytes: one full record", s2r, TAG_S2R, 0, 2, b"\x00" * (RECORD - 1)),
        ("a plaintext of 16385 bytes: two records, the second of 1 byte", s2r, TAG_S2R, 0, 2, b"\x00" * RECORD),
        ("the largest frame: a chunk frame of 1048616 bytes (sealing does not look inside; here 0x61 "
         "throughout), 65 records", s2r, TAG_S2R, 0, 2, b"a" * 1048616),
        ("a control message from the receiver at counter 5", r2s, TAG_R2S, 5, 1, compact({"type": "accept"}).encode()),
        ("a large counter, 2^40 + 3", r2s, TAG_R2S, 2 ** 40 + 3, 1,
         compact({"type": "ack", "files": 3, "bytes": 25}).encode()),
        ("three records across 2^32: counters 2^32 - 1, 2^32, 2^32 + 1", s2r, TAG_S2R, 2 ** 32 - 1, 2,
         b"\x07" * (2 * RECORD)),
    ]
    tests = []
    wires = {}
    for comment, key, tag, counter, kind, body in valid:
        plaintext = bytes([kind]) + body
        wire, records = seal(key, tag, counter, plaintext)
        assert open_frame(key, tag, counter, wire) == (plaintext, records)
        t = {"comment": comment, "key": key.hex(), "tag": tag.hex(), "counter": counter, "kind": kind,
             "body": body_json(body)}
        if len(wire) <= 2000:
            t["wire"] = wire.hex()
        else:
            t["wireSha256"] = hashlib.sha256(wire).hexdigest()
            t["wireLength"] = len(wire)
        t.update({"records": records, "nextCounter": counter + records, "result": "valid"})
        tests.append(t)
        wires[len(tests)] = (wire, key, tag, counter, records)
    assert len(wires[5][0]) == 1049657 and wires[5][4] == 65
    assert len(wires[4][0]) == SEALED_RECORD + 17 and len(wires[3][0]) == SEALED_RECORD

    CONTROL, RECORDS2, MAX, AT5, LARGE, ACROSS = 1, 4, 5, 6, 7, 8
    len1 = len(wires[CONTROL][0])
    invalid = [
        ("a byte of the first record altered", CONTROL, {"flipByte": 0}),
        ("a byte of the first of two records altered", RECORDS2, {"flipByte": 10}),
        ("a byte of a middle record (the 33rd of 65) altered", MAX, {"flipByte": 32 * SEALED_RECORD + 1000}),
        ("a byte of the tag altered", CONTROL, {"flipByte": len1 - 1}),
        ("a byte of the last record's tag altered", MAX, {"flipByte": 1049657 - 1}),
        ("cut at a record boundary: only the first of two records", RECORDS2, {"truncate": SEALED_RECORD}),
        ("cut at a record boundary: 64 of 65 records", MAX, {"truncate": 64 * SEALED_RECORD}),
        ("cut inside the last record, leaving 16 bytes of it (less than 17)", RECORDS2,
         {"truncate": SEALED_RECORD + 16}),
        ("the last byte of the tag cut off", CONTROL, {"truncate": len1 - 1}),
        ("an empty frame", CONTROL, {"truncate": 0}),
        ("two records swapped", MAX, {"swapRecords": [0, 1]}),
        ("the last two records swapped", ACROSS, {"swapRecords": [1, 2]}),
        ("the middle record dropped", ACROSS, {"dropRecord": 1}),
        ("opened with the next counter", CONTROL, {"openCounter": 1}),
        ("replayed: opened with a later counter than it was sealed with", AT5, {"openCounter": 6}),
        ("opened with an earlier counter", AT5, {"openCounter": 4}),
        ("opened with a counter that differs only in bit 32 (all 64 bits are in the nonce and aad)", ACROSS,
         {"openCounter": 2 ** 32 - 1 + 2 ** 32}),
        ("opened with only the low 32 bits of its counter", LARGE, {"openCounter": 3}),
        ("sent back to the sender: opened with the other direction's tag", CONTROL, {"openTag": TAG_R2S.hex()}),
        ("opened with the other direction's key", CONTROL, {"openKey": r2s.hex()}),
        ("one byte appended", CONTROL, {"appendBytes": "00"}),
        ("the frame appended to itself", CONTROL, {"appendBytes": wires[CONTROL][0].hex()}),
        ("17 bytes appended to the largest frame: a 66th piece", MAX, {"appendBytes": "00" * 17}),
    ]
    for comment, base, mutation in invalid:
        wire, key, tag, counter, records = wires[base]
        changed, over = mutate(wire, mutation, records)
        try:
            open_frame(over.get("key", key), over.get("tag", tag), over.get("counter", counter), changed)
            raise AssertionError(comment)
        except ValueError:
            pass
        tests.append({"comment": comment, "base": base, "mutation": mutation, "result": "invalid"})

    # frames that open but whose plaintext is refused
    bad = [
        ("an empty plaintext: a single tag of 16 bytes, refused by its length before it is opened", b""),
        ("unknown kind 0x00", b"\x00" + compact({"type": "accept"}).encode()),
        ("unknown kind 0x03", b"\x03" + compact({"type": "accept"}).encode()),
        ("kind 1 with a body that is not UTF-8", b"\x01" + b'{"type":"error","code":"io","message":"\xff"}'),
    ]
    for comment, plaintext in bad:
        if plaintext:
            wire, _ = seal(s2r, TAG_S2R, 0, plaintext)
        else:
            wire = AESGCM(s2r).encrypt(TAG_S2R + struct.pack(">Q", 0), b"", record_aad(0, True))
        try:
            open_frame(s2r, TAG_S2R, 0, wire)
            raise AssertionError(comment)
        except ValueError:
            pass
        tests.append({"comment": comment, "key": s2r.hex(), "tag": TAG_S2R.hex(), "counter": 0,
                      "plaintext": plaintext.hex(), "wire": wire.hex(), "result": "invalid"})

    write("sealed.json", "Sealed frames (protocol 7.3): plaintext = kind (1 byte) || body, cut into records of "
          "16384 bytes; record i is AES-256-GCM under key with nonce = tag || u64be(counter + i) and aad = "
          "u64be(counter + i) || last (01 for the final record, else 00). body is {hex} or {repeat: one byte "
          "in hex, times}. 'valid': sealing gives wire (or, for long frames, a frame of wireLength bytes whose "
          "SHA-256 is wireSha256) of records records, and the next frame of the direction starts at "
          "nextCounter; opening wire with key, tag and counter gives kind || body. 'invalid' with base and "
          "mutation: the wire of valid case tcId = base, changed by mutation, must fail to open (with the base's "
          "key, tag and counter unless the mutation overrides one). 'invalid' with wire: the records authenticate, "
          "but the frame must be refused: its plaintext is empty (a 16-byte frame, which the length rule "
          "already refuses), of an unknown kind, or a control message that is not UTF-8.", tests)


# ---- transfer.json: whole small transfers, frame by frame, handshake included
def transfer_vectors():
    code = "7-test-code"
    files = [("docs", None), ("docs/empty", None), ("docs/empty.txt", b""), ("docs/hello.txt", b"hello, world\n"),
             ("docs/sub", None), ("docs/sub/Grüße mit Leerzeichen.txt", b"\x00\x01\x02 binary \xff")]
    entries = []
    for p, data in files:
        entries.append({"path": p, "kind": "dir"} if data is None else {"path": p, "kind": "file", "size": len(data)})
    # after the handshake: (from, "text", message) or (from, "binary", chunk frame)
    conversation = [("sender", "text", {"type": "manifest", "entries": entries, "more": False}),
                    ("receiver", "text", {"type": "accept"})]
    index = 0
    total = 0
    for p, data in files:
        if data is None:
            continue
        conversation.append(("sender", "text", {"type": "file_begin", "index": index, "path": p, "size": len(data)}))
        ch = ZERO
        n = 0
        if data:
            ch = chain(ZERO, data)
            conversation.append(("sender", "binary", frame(0, ch, data)))
            n = 1
        conversation.append(("sender", "text", {"type": "file_end", "index": index, "chunks": n,
                                                "size": len(data), "digest": ch.hex()}))
        index += 1
        total += len(data)
    conversation.append(("sender", "text", {"type": "end", "files": index, "bytes": total}))
    conversation.append(("receiver", "text", {"type": "ack", "files": index, "bytes": total}))
    tree = [{"path": p, "kind": "dir"} if d is None else {"path": p, "kind": "file", "hex": d.hex()} for p, d in files]

    tests = []
    for comment, sc, rc in [
        ("encryption off (the sender leaves aes-256-gcm out): after the handshake every frame is plain. "
         "A folder with an empty folder, an empty file, a text file and a non-ASCII name with spaces",
         [], [ENCRYPTION]),
        ("encrypted: after the handshake every frame is sealed. The same folder", [ENCRYPTION], [ENCRYPTION]),
    ]:
        hs = handshake(code, sc, rc)
        frames = [
            {"from": "relay", "to": "sender", "text": compact({"relay": "paired"})},
            {"from": "relay", "to": "receiver", "text": compact({"relay": "paired"})},
            {"from": "sender", "text": compact(hello("sender", sc, hs["pA"]))},
            {"from": "receiver", "text": compact(hello("receiver", rc, hs["pB"]))},
            {"from": "sender", "text": compact(confirm(hs["cA"]))},
            {"from": "receiver", "text": compact(confirm(hs["cB"]))},
        ]
        counters = {"sender": 0, "receiver": 0}
        for who, kind, content in conversation:
            if not hs["encrypt"]:
                frames.append({"from": who, "text": compact(content)} if kind == "text"
                              else {"from": who, "binary": content.hex()})
                continue
            if kind == "text":
                sealed = {"text": compact(content)}
                plaintext = b"\x01" + compact(content).encode("utf-8")
            else:
                sealed = {"binary": content.hex()}
                plaintext = b"\x02" + content
            key, tag = (hs["keyS2R"], TAG_S2R) if who == "sender" else (hs["keyR2S"], TAG_R2S)
            wire, records = seal(key, tag, counters[who], plaintext)
            assert open_frame(key, tag, counters[who], wire) == (plaintext, records)
            counters[who] += records
            frames.append({"from": who, "sealed": sealed, "wire": wire.hex()})
        t = {"comment": comment, "code": code, "senderSecret": hex32(X), "receiverSecret": hex32(Y),
             "senderCapabilities": sc, "receiverCapabilities": rc, "encrypt": hs["encrypt"]}
        if hs["encrypt"]:
            t["keyS2R"] = hs["keyS2R"].hex()
            t["keyR2S"] = hs["keyR2S"].hex()
        t.update({"sendPaths": ["docs"], "tree": tree, "frames": frames, "result": "valid"})
        tests.append(t)
    write("transfer.json", "Whole transfers. The sender is given sendPaths, the top-level entries of tree; "
          "frames is the whole conversation in order: first the relay's 'paired' signal to each peer "
          "(from 'relay', addressed with 'to'), then the frames between the peers (from 'sender' or "
          "'receiver'): the hellos and confirms of the handshake, computed with the SPAKE2 secrets "
          "senderSecret (x) and receiverSecret (y), then the transfer. Text frames compare as JSON objects, "
          "ignoring the optional hello member 'software'. When encrypt is true every frame after the "
          "confirms is sealed (protocol 7.3) with keyS2R or keyR2S, the counters of each direction starting "
          "at 0: 'sealed' is its plaintext ({text} a control message, {binary} a chunk frame in hex) and "
          "'wire' the sealed binary frame in hex; sealed frames compare by opening them and comparing the "
          "plaintexts (text as JSON objects).", tests)


# ---- resume.json: what a resuming receiver reports and how the sender continues (protocol 4.8)
def resume_vectors():
    MIB = 1048576

    def content(segments):
        return b"".join(bytes.fromhex(seg["repeat"]) * seg["times"] for seg in segments)

    def run(data):
        return [{"repeat": "%02x" % data[0], "times": len(data)}] if data else []

    def chains(data, start=0, ch=ZERO):
        out = []
        for seq in range(start // MIB, (len(data) + MIB - 1) // MIB):
            ch = chain(ch, data[seq * MIB:(seq + 1) * MIB])
            out.append({"seq": seq, "chain": ch.hex()})
        return out

    file = [{"repeat": "61", "times": MIB}, {"repeat": "62", "times": MIB}, {"repeat": "63", "times": MIB // 2}]
    data = content(file)
    digest = chains(data)[-1]["chain"]
    changed = [{"repeat": "61", "times": MIB}, {"repeat": "78", "times": MIB}]
    small = [{"repeat": "68", "times": 13}]
    cases = [
        ("a partial file of two whole chunks: the sender continues with chunk 2", file, file[:2], "partial"),
        ("a partial file of 1.5 MiB, the last chunk written in part: cut to 1 MiB, the sender continues "
         "with chunk 1", file, [file[0], {"repeat": "62", "times": MIB // 2}], "partial"),
        ("a partial file shorter than one chunk: cut to 0, nothing listed, the file is sent whole",
         file, [{"repeat": "61", "times": 1000}], "partial"),
        ("the complete file at its final name: listed with the file's size and digest; no chunk is sent",
         file, file, "final"),
        ("a small complete file at its final name", small, small, "final"),
        ("the sender's file changed since (its second chunk differs): sent again from offset 0",
         file, changed, "partial"),
        ("a partial file longer than the file: emptied, nothing listed, the file is sent whole",
         file[:1], file[:2], "partial"),
    ]
    tests = []
    for comment, sender_file, held, where in cases:
        sdata = content(sender_file)
        hdata = content(held)
        t = {"comment": comment, "file": sender_file, "held": held, "heldAt": where}
        if where == "partial":
            kept = 0 if len(hdata) > len(sdata) else len(hdata) // MIB * MIB
        else:
            kept = len(hdata)
        hdata = hdata[:kept]
        t["kept"] = kept
        if kept == 0:
            t["listed"] = None
            offset = 0
        else:
            held_chain = chains(hdata)[-1]["chain"]
            t["listed"] = {"size": kept, "chain": held_chain}
            offset = kept if kept <= len(sdata) and chains(sdata[:kept])[-1]["chain"] == held_chain else 0
        t["offset"] = offset
        start = chains(sdata[:offset])[-1]["chain"] if offset else ZERO.hex()
        t["chunks"] = [] if offset == len(sdata) else chains(sdata, offset, bytes.fromhex(start))
        full = chains(sdata)
        t["digest"] = full[-1]["chain"] if full else ZERO.hex()
        assert t["chunks"] == full[offset // MIB:] or offset == len(sdata)
        t["result"] = "valid"
        tests.append(t)
    assert tests[0]["digest"] == digest
    write("resume.json", "Resuming (protocol 4.8). 'file' is the sender's file and 'held' what the receiver has of "
          "it, each as segments {repeat: one byte in hex, times}; 'heldAt' says where: 'partial' (the partial "
          "file) or 'final' (a file of the manifest's size at the final name). 'kept' is how many bytes of "
          "it the receiver keeps (a partial file is cut to a multiple of 1048576, and emptied if longer than "
          "the file); 'listed' the {size, chain} it lists in accept, null if it lists nothing. 'offset' is "
          "where the sender continues (file_begin.offset), 'chunks' the seq and chain of every chunk it then "
          "sends, and 'digest' the file_end digest: always that of the whole file. Every case is 'valid'.",
          tests)


if __name__ == "__main__":
    resume_vectors()
    chain_vectors()
    chunk_vectors()
    compressed_vectors()
    code_vectors()
    endpoint_vectors()
    path_vectors()
    close_code_vectors()
    error_code_vectors()
    message_vectors()
    spake2_vectors()
    handshake_vectors()
    sealed_vectors()
    transfer_vectors()
