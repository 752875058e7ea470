#!/usr/bin/env python3
"""Writes the protocol test vectors of docs/protocol.md into this folder.

An implementation independent of the Java and JavaScript codecs (Python's standard library only),
so that the vectors check both instead of echoing one of them. Run it from anywhere; it rewrites
the JSON files beside it. The output is deterministic.
"""
import hashlib, hmac, json, os, struct

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


def proof(code, role):
    return hmac.new(code.encode(), ("p2p-copy v1 hello " + role).encode(), hashlib.sha256).hexdigest()


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


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


# ---- codes.json: code -> room, hello proofs; invalid codes
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
                      "proofSender": proof(code, "sender"), "proofReceiver": proof(code, "receiver"),
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
    write("codes.json", "Codes: the room is the part before the first '-'. proofSender/proofReceiver = "
          "hex(HMAC-SHA256(UTF-8(code), UTF-8('p2p-copy v1 hello ' + role))).", tests)


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
    cases = [
        (1001, "going_away", 3, "the relay is shutting down"),
        (1009, "frame_too_large", 3, "a frame was larger than the relay's cap"),
        (4000, "bad_request", 3, "malformed endpoint path, unknown role, or a frame sent before 'paired'"),
        (4001, "room_taken", 3, "this room already has a peer with this role"),
        (4002, "peer_left", 4, "the other peer disconnected"),
        (4003, "waited_too_long", 3, "no peer came within the relay's wait limit"),
        (4004, "unsupported_version", 3, "the relay does not speak the version in the path"),
    ]
    tests = [{"comment": comment, "code": code, "name": name, "exitCode": exit_code, "result": "valid"}
             for code, name, exit_code, comment in cases]
    write("close-codes.json", "Close codes the relay uses, their names and the client's exit code. Every case "
          "is 'valid': a client closed with code exits with exitCode.", tests)


# ---- error-codes.json
def error_code_vectors():
    cases = [
        ("wrong_code", 7, "the hello proof did not match: the peers typed different codes"),
        ("version", 4, "the peer does not speak this version"),
        ("protocol", 4, "a frame broke the protocol"),
        ("integrity", 5, "a chunk's chain or a file's digest, size or chunk count did not match"),
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
    h = proof("7-test-code", "sender")
    valid = [
        ("hello from the sender", {"type": "hello", "version": 1, "role": "sender", "capabilities": [],
                                   "proof": h, "software": "p2p-copy-java/0.1.0"}),
        ("hello without the optional software member", {"type": "hello", "version": 1, "role": "receiver",
                                                         "capabilities": ["zstd"], "proof": proof("7-test-code", "receiver")}),
        ("manifest with folders, files and an empty file", {"type": "manifest", "more": False, "entries": [
            {"path": "photos", "kind": "dir"},
            {"path": "photos/a b.jpg", "kind": "file", "size": 123456},
            {"path": "photos/empty", "kind": "dir"},
            {"path": "photos/zero.txt", "kind": "file", "size": 0}]}),
        ("manifest part with more to come", {"type": "manifest", "more": True, "entries": [
            {"path": "Ünïcödé.txt", "kind": "file", "size": 9007199254740991}]}),
        ("accept", {"type": "accept"}),
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
        ("hello role unknown", '{"type":"hello","version":1,"role":"both","capabilities":[],"proof":"' + h + '"}'),
        ("hello capabilities not strings", '{"type":"hello","version":1,"role":"sender","capabilities":[1],"proof":"' + h + '"}'),
        ("more is not a boolean", '{"type":"manifest","more":"no","entries":[]}'),
        ("null member", '{"type":"error","code":null,"message":"x"}'),
    ]
    tests += [{"comment": c, "json": j, "result": "invalid"} for c, j in invalid]
    write("messages.json", "Control messages. 'valid': json decodes to message (members not in message are "
          "ignored); message encodes to JSON that decodes back to message. 'invalid': json is a protocol error.",
          tests)


# ---- transfer.json: one whole small transfer, frame by frame
def transfer_vector():
    code = "7-test-code"
    files = [("docs", None), ("docs/empty", None), ("docs/empty.txt", b""), ("docs/hello.txt", b"hello, world\n"),
             ("docs/sub", None), ("docs/sub/Grüße mit Leerzeichen.txt", b"\x00\x01\x02 binary \xff")]
    entries = []
    for p, data in files:
        entries.append({"path": p, "kind": "dir"} if data is None else {"path": p, "kind": "file", "size": len(data)})
    frames = [
        {"from": "relay", "to": "sender", "text": compact({"relay": "paired"})},
        {"from": "relay", "to": "receiver", "text": compact({"relay": "paired"})},
        {"from": "sender", "text": compact({"type": "hello", "version": 1, "role": "sender", "capabilities": [],
                                            "proof": proof(code, "sender")})},
        {"from": "receiver", "text": compact({"type": "hello", "version": 1, "role": "receiver", "capabilities": [],
                                              "proof": proof(code, "receiver")})},
        {"from": "sender", "text": compact({"type": "manifest", "entries": entries, "more": False})},
        {"from": "receiver", "text": compact({"type": "accept"})},
    ]
    index = 0
    total = 0
    for p, data in files:
        if data is None:
            continue
        frames.append({"from": "sender", "text": compact({"type": "file_begin", "index": index, "path": p,
                                                          "size": len(data)})})
        ch = ZERO
        n = 0
        if data:
            ch = chain(ZERO, data)
            frames.append({"from": "sender", "binary": frame(0, ch, data).hex()})
            n = 1
        frames.append({"from": "sender", "text": compact({"type": "file_end", "index": index, "chunks": n,
                                                          "size": len(data), "digest": ch.hex()})})
        index += 1
        total += len(data)
    frames.append({"from": "sender", "text": compact({"type": "end", "files": index, "bytes": total})})
    frames.append({"from": "receiver", "text": compact({"type": "ack", "files": index, "bytes": total})})
    tree = [{"path": p, "kind": "dir"} if d is None else {"path": p, "kind": "file", "hex": d.hex()} for p, d in files]
    test = {"comment": "a folder with an empty folder, an empty file, a text file and a non-ASCII name with spaces",
            "code": code, "sendPaths": ["docs"], "tree": tree, "frames": frames, "result": "valid"}
    write("transfer.json", "Whole transfers. The sender is given sendPaths, the top-level entries of tree; "
          "frames is the whole conversation in order: first the relay's 'paired' signal to each peer "
          "(from 'relay', addressed with 'to'), then the frames between the peers (from 'sender' or "
          "'receiver'). Text frames compare as JSON objects, ignoring the optional hello member 'software'.",
          [test])


if __name__ == "__main__":
    chain_vectors()
    chunk_vectors()
    code_vectors()
    endpoint_vectors()
    path_vectors()
    close_code_vectors()
    error_code_vectors()
    message_vectors()
    transfer_vector()
