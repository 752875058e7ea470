import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentHeaders } from '../src/download/headers.js';
import { PipeCancelled, PipeWriter, QUEUED, WINDOW, pipeHeld, pipeReadable } from '../src/download/pipe.js';
import { zipWriter } from '../src/download/zip.js';

/** The two halves of a pipe, as the page and its worker hold them. */
function pipe() {
  const channel = new MessageChannel();
  return { writer: new PipeWriter(channel.port1), readable: pipeReadable(channel.port2) };
}

async function readAll(readable) {
  const parts = [];
  for await (const part of readable) {
    parts.push(part);
  }
  return Buffer.concat(parts);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('what the page writes into the pipe arrives in order, then its end', async () => {
  const { writer, readable } = pipe();
  const reading = readAll(readable);
  assert.equal(await writer.started(1000), true);
  const sent = [];
  for (let i = 0; i < 50; i++) {
    const bytes = new Uint8Array(1000 + i).fill(i);
    sent.push(Buffer.from(bytes));
    await writer.write(bytes);
  }
  await writer.close();
  assert.deepEqual(await reading, Buffer.concat(sent));
});

test('the writer keeps what it wrote: a part of a larger buffer is sent alone, a whole one is not taken', async () => {
  const { writer, readable } = pipe();
  const reading = readAll(readable);
  const buffer = new Uint8Array([1, 2, 3, 4, 5, 6]);
  await writer.write(buffer.subarray(2, 4));
  const whole = new Uint8Array([7, 8]);
  await writer.write(whole);
  await writer.close();
  assert.deepEqual([...await reading], [3, 4, 7, 8]);
  assert.deepEqual([...buffer], [1, 2, 3, 4, 5, 6]);
  assert.equal(whole.length, 2, "the caller's buffer was moved away");
});

test('a reader that does not read holds the writer back: no more than the queue and the window', async () => {
  const { writer, readable } = pipe();
  let written = 0;
  const writing = (async () => {
    for (let i = 0; i < 100; i++) {
      await writer.write(new Uint8Array(10));
      written += 1;
    }
    await writer.close();
  })();
  await pause(100);
  assert.ok(written <= QUEUED + WINDOW, written + ' chunks written with nothing read');
  assert.ok(written >= QUEUED, 'the queue did not fill: ' + written);
  const body = await readAll(readable);
  await writing;
  assert.equal(body.length, 1000);
});

test('a reader that gives up (a cancelled download) fails the next write', async () => {
  const { writer, readable } = pipe();
  const reader = readable.getReader();
  await writer.write(new Uint8Array([1]));
  await reader.read();
  await reader.cancel('user');
  await pause(20);
  await assert.rejects(async () => {
    for (let i = 0; i < 10; i++) {
      await writer.write(new Uint8Array(10));
    }
  }, PipeCancelled);
});

test('an aborted pipe fails the reader instead of ending it', async () => {
  const { writer, readable } = pipe();
  const reading = readAll(readable);
  await writer.write(new Uint8Array([1, 2]));
  writer.abort(new Error('integrity'));
  await assert.rejects(reading, /integrity/);
});

test('a pipe the worker never reads is reported as not started, and one it does not hold as not held', async () => {
  const channel = new MessageChannel();
  const writer = new PipeWriter(channel.port1);
  assert.equal(await writer.held(50), false);
  assert.equal(await writer.started(50), false);
  channel.port1.close();
});

test('the page learns that the worker holds the pipe before the browser asks for it', async () => {
  const channel = new MessageChannel();
  const writer = new PipeWriter(channel.port1);
  pipeHeld(channel.port2);
  assert.equal(await writer.held(1000), true);
  assert.equal(await writer.started(50), false, 'held is not started');
  const reading = readAll(pipeReadable(channel.port2));
  assert.equal(await writer.started(1000), true);
  await writer.write(new Uint8Array([1]));
  await writer.close();
  assert.deepEqual([...await reading], [1]);
});

test('download headers carry any name, with a plain fallback, and the size when known', () => {
  const headers = attachmentHeaders('Grüße "2026"; 100%.txt', 42);
  assert.equal(headers['Content-Disposition'],
    'attachment; filename="Gr__e _2026__ 100_.txt"; filename*=UTF-8\'\'Gr%C3%BC%C3%9Fe%20%222026%22%3B%20100%25.txt');
  assert.equal(headers['Content-Length'], '42');
  assert.equal(headers['Content-Type'], 'application/octet-stream');
  assert.equal(attachmentHeaders("it's (1).zip")['Content-Disposition'],
    'attachment; filename="it\'s (1).zip"; filename*=UTF-8\'\'it%27s%20%281%29.zip');
  assert.equal(attachmentHeaders('a.zip')['Content-Length'], undefined);
});

/** A writer that collects what a zipWriter writes, as a pipe would pass it on. */
function collector() {
  const parts = [];
  const out = {
    closed: false,
    aborted: null,
    async write(bytes) {
      parts.push(Buffer.from(bytes));
    },
    async close() {
      out.closed = true;
    },
    abort(reason) {
      out.aborted = reason;
    },
    bytes: () => Buffer.concat(parts),
  };
  return out;
}

test('a zip of a tree with an empty folder, an empty file and non-ASCII names, as unzip reads it', async (t) => {
  const out = collector();
  const zip = zipWriter(out);
  zip.addFolder('project');
  zip.addFolder('project/empty');
  const big = new Uint8Array(300_000).map((_, i) => i % 251);
  const a = zip.addFile('project/deep/big.bin', big.length);
  for (let at = 0; at < big.length; at += 65536) {
    await a.write(big.slice(at, at + 65536));
  }
  await a.close();
  const b = zip.addFile('project/Grüße.txt', 0);
  await b.close();
  await zip.finish();
  assert.equal(out.closed, true);

  const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'project.zip'), out.bytes());
  // Python's zipfile, an independent reader, lists and extracts it (python3 is on every test machine).
  const listing = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    z.extractall(sys.argv[2])
    print(json.dumps([[i.filename, i.file_size] for i in z.infolist()]))
`, join(dir, 'project.zip'), join(dir, 'out')]).toString());
  assert.deepEqual(listing, [['project/', 0], ['project/empty/', 0], ['project/deep/big.bin', 300000],
    ['project/Grüße.txt', 0]]);
  assert.deepEqual(readFileSync(join(dir, 'out/project/deep/big.bin')), Buffer.from(big));
});

test('an aborted file fails the whole archive: it is never completed', async () => {
  const out = collector();
  const zip = zipWriter(out);
  const a = zip.addFile('a.bin', 10);
  await a.write(new Uint8Array(4));
  await a.abort(new Error('chunk 1 does not match'));
  await assert.rejects(zip.finish(), /chunk 1 does not match/);
  assert.equal(out.closed, false);
  assert.match(String(out.aborted), /chunk 1 does not match/);
});

test('an archive aborted between files is never completed', async () => {
  const out = collector();
  const zip = zipWriter(out);
  const a = zip.addFile('a.bin', 1);
  await a.write(new Uint8Array(1));
  await a.close();
  zip.abort(new Error('peer gone'));
  await pause(20);
  assert.equal(out.closed, false);
  assert.match(String(out.aborted), /peer gone/);
});
