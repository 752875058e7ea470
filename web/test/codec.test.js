// Control messages beyond messages.json: cases where a lenient JSON reader would differ from the
// Java client's MessageCodec. Each expectation below was checked against the Java client's decoder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TEXT_CHARS, decode, encode } from '../src/protocol/codec.js';
import { ProtocolError } from '../src/protocol/errors.js';

const END = '{"type":"end","files":1,"bytes":5}';
const SHARE = '04' + 'ab'.repeat(64);
const hello = (members) => '{"type":"hello","version":1,"role":"sender","capabilities":[],"spake2":"' + SHARE + '"'
  + members + '}';
const files = (literal) => '{"type":"end","files":' + literal + ',"bytes":5}';
const refused = (text) => assert.throws(() => decode(text), (e) => e instanceof ProtocolError && e.code === 'protocol',
  JSON.stringify(text.slice(0, 100)));

describe('decode beyond messages.json', () => {
  it('refuses anything after the object, and allows white space around it', () => {
    for (const text of [END + ' x', END + ' {}', END + END, END + ' null', END + '\u00a0', '\ufeff' + END]) {
      refused(text);
    }
    assert.deepEqual(decode(' \n' + END + '\r\n\t '), { type: 'end', files: 1, bytes: 5 });
  });

  it('reads a count from its exact decimal, as Java does: scale 0 is an integer, 1.0 is not', () => {
    const accepted = { '1e0': 1, '1E+0': 1, '1.0e1': 10, '1.5e1': 15, '12.34e2': 1234, '-0': 0, '-0e0': 0,
      '90071992547409.91e2': 9007199254740991, '9007199254740991': 9007199254740991 };
    for (const [literal, value] of Object.entries(accepted)) {
      assert.equal(decode(files(literal)).files, value, literal);
      assert.ok(Object.is(decode(files(literal)).files, value), literal + ' without a sign');
    }
    for (const literal of ['1.0', '10e-1', '0e5', '1e2', '-0.0', '-1e0', '1.5', '90071992547409.92e2',
      '9007199254740992', '123456789012345678901234567890', '1.0000000000000000001', '01', '1.', '.5', '+1']) {
      refused(files(literal));
    }
  });

  it('does not touch digits inside strings, nor numbers in members it ignores', () => {
    assert.deepEqual(decode('{"type":"error","code":"io","message":"1.0e5 \\" 2.0"}'),
      { type: 'error', code: 'io', message: '1.0e5 \\" 2.0'.replace('\\"', '"') });
    assert.deepEqual(decode('{"type":"accept","more":1.0,"x":1e400,"y":123456789012345678901234567890,"z":[0.5e-3]}'),
      { type: 'accept' });
  });

  it('takes the last of repeated members, as Java does', () => {
    assert.deepEqual(decode('{"type":"end","files":1,"bytes":5,"files":2}'), { type: 'end', files: 2, bytes: 5 });
    assert.deepEqual(decode('{"type":"end","type":"ack","files":1,"bytes":5}'), { type: 'ack', files: 1, bytes: 5 });
  });

  it('reads hello as Java does: version an int, software optional but never null', () => {
    assert.equal(decode(hello('')).version, 1);
    assert.equal(decode(hello('').replace('"version":1', '"version":2')).version, 2, 'the handshake refuses it, not the codec');
    assert.equal(decode(hello(',"version":2147483647').replace(/"version":1,/, '')).version, 2147483647);
    refused(hello(',"version":2147483648').replace(/"version":1,/, ''));
    assert.equal(decode(hello(',"software":"x"')).software, 'x');
    refused(hello(',"software":null'));
    refused(hello(',"software":5'));
    assert.deepEqual(decode(hello('').replace('[]', '["a","a"]')).capabilities, ['a', 'a']);
    for (const capability of ['', 'A', 'a'.repeat(33), 'a b', 'é']) {
      refused(hello('').replace('[]', JSON.stringify([capability])));
    }
  });

  it('checks manifest entries as Java does', () => {
    const manifest = (entries) => '{"type":"manifest","more":false,"entries":' + entries + '}';
    assert.deepEqual(decode(manifest('[{"path":"a","kind":"dir","size":7}]')).entries, [{ path: 'a', kind: 'dir' }]);
    assert.deepEqual(decode(manifest('[{"path":"a/../b","kind":"file","size":7}]')).entries,
      [{ path: 'a/../b', kind: 'file', size: 7 }], 'paths are checked by the receiver, not the codec');
    for (const entries of ['[{"path":"a","kind":"dir","size":null}]', '[{"path":"a","kind":"dir","size":"x"}]',
      '[null]', '{}', '[{"path":"a","kind":5}]', '[{"path":"a","kind":"file","size":1.0}]', '[{"kind":"dir"}]']) {
      refused(manifest(entries));
    }
    const entry = '{"path":"a","kind":"dir"}';
    assert.equal(decode(manifest('[' + Array(1000).fill(entry).join(',') + ']')).entries.length, 1000);
    refused(manifest('[' + Array(1001).fill(entry).join(',') + ']'));
  });

  it('leaves error codes and paths to the layers above', () => {
    assert.deepEqual(decode('{"type":"error","code":"zzz","message":"x"}'), { type: 'error', code: 'zzz', message: 'x' });
    assert.equal(decode('{"type":"file_begin","index":0,"path":"","size":1}').path, '');
  });

  it('refuses JSON that RFC 8259 does not allow', () => {
    for (const text of ['{"type":"accept","x":[1,]}', '{"type":"accept",}', '{"type":"accept","x":"\t"}',
      "{'type':'accept'}", '{"type":"accept"} // x', '', ' ', 'null', '"accept"', '[]']) {
      refused(text);
    }
  });

  it('refuses a text of more than 1 MiB', () => {
    const padded = (n) => '{"type":"accept","x":"' + 'x'.repeat(n - 24) + '"}';
    assert.equal(padded(MAX_TEXT_CHARS).length, MAX_TEXT_CHARS);
    assert.deepEqual(decode(padded(MAX_TEXT_CHARS)), { type: 'accept' });
    refused(padded(MAX_TEXT_CHARS + 1));
  });
});

describe('encode', () => {
  it('writes type first and the members in the order of the protocol, leaving others out', () => {
    assert.equal(encode({ bytes: 5, files: 1, type: 'end', extra: true }), END);
    assert.equal(encode({ type: 'manifest', more: true, entries: [{ size: 3, kind: 'file', path: 'a' }, { kind: 'dir', path: 'b', size: 9 }] }),
      '{"type":"manifest","entries":[{"path":"a","kind":"file","size":3},{"path":"b","kind":"dir"}],"more":true}');
    assert.equal(encode({ type: 'hello', version: 1, role: 'receiver', capabilities: [], spake2: SHARE, software: undefined }),
      '{"type":"hello","version":1,"role":"receiver","capabilities":[],"spake2":"' + SHARE + '"}');
  });

  it('refuses a message the protocol does not allow, as the caller\'s mistake', () => {
    for (const message of [{ type: 'end', files: 1 }, { type: 'end', files: -1, bytes: 0 }, { type: 'end', files: 1.5, bytes: 0 },
      { type: 'end', files: 2 ** 53, bytes: 0 }, { type: 'end', files: 1n, bytes: 0 }, { type: 'confirm', mac: 'AB' },
      { type: 'teleport' }, {}, null, 'accept']) {
      assert.throws(() => encode(message), TypeError, JSON.stringify(message, (k, v) => (typeof v === 'bigint' ? String(v) : v)));
    }
  });
});
