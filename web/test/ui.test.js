import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatDuration, progressText, summary } from '../src/ui/format.js';
import { codeFromHash, downloadName, pageBase, receiveCommand, receiveLink, saveMode, zipName } from '../src/ui/place.js';
import { downloadSink } from '../src/ui/sinks.js';

test('sizes in binary units with three significant digits', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1024), '1.00 KiB');
  assert.equal(formatBytes(1536 * 1024), '1.50 MiB');
  assert.equal(formatBytes(64 * 1024 * 1024), '64.0 MiB');
  assert.equal(formatBytes(300 * 1024 ** 3), '300 GiB');
  assert.equal(formatBytes(-1), '?');
});

test('times left rounded up to the second', () => {
  assert.equal(formatDuration(0), '0 s');
  assert.equal(formatDuration(4001), '5 s');
  assert.equal(formatDuration(200_000), '3 min 20 s');
  assert.equal(formatDuration(7_500_000), '2 h 05 min');
});

test('progress shows bytes, then rate and time left once data moved', () => {
  assert.equal(progressText(0, 2048, 0), '0 B of 2.00 KiB (0%)');
  assert.equal(progressText(1024 * 1024, 2 * 1024 * 1024, 1000), '1.00 MiB of 2.00 MiB (50%) · 1.00 MiB/s · 1 s left');
  assert.equal(progressText(2048, 2048, 1000), '2.00 KiB of 2.00 KiB (100%) · 2.00 KiB/s');
  assert.equal(progressText(0, 0, 0), '0 B of 0 B (100%)');
});

test('bytes a resumed transfer found on the other side count as done, not for the rate', () => {
  const MIB = 1024 * 1024;
  assert.equal(progressText(3 * MIB, 4 * MIB, 1000, 2 * MIB), '3.00 MiB of 4.00 MiB (75%) · 1.00 MiB/s · 1 s left');
  assert.equal(progressText(2 * MIB, 4 * MIB, 1000, 2 * MIB), '2.00 MiB of 4.00 MiB (50%)');
});

test('summaries count files and folders', () => {
  assert.equal(summary(1, 0, 5), '1 file, 5 B');
  assert.equal(summary(3, 1, 2048), '3 files, 1 folder, 2.00 KiB');
  assert.equal(summary(0, 2, 0), '0 files, 2 folders, 0 B');
});

test('the page base drops index.html and the trailing slash, keeping a context root', () => {
  assert.equal(pageBase({ origin: 'http://127.0.0.1:8080', pathname: '/' }), 'http://127.0.0.1:8080');
  assert.equal(pageBase({ origin: 'https://relay.example', pathname: '/index.html' }), 'https://relay.example');
  assert.equal(pageBase({ origin: 'https://relay.example', pathname: '/copy/' }), 'https://relay.example/copy');
});

test('a code in the fragment, a link and a command for it', () => {
  assert.equal(codeFromHash(''), null);
  assert.equal(codeFromHash('#'), null);
  assert.equal(codeFromHash('#42-crayon-orbit'), '42-crayon-orbit');
  assert.equal(codeFromHash('#7-gr%C3%BC%C3%9Fe'), '7-grüße');
  assert.equal(codeFromHash('#%E0%A4%A'), '%E0%A4%A');
  assert.equal(receiveLink('https://r.example', '42-crayon-orbit'), 'https://r.example/#42-crayon-orbit');
  assert.equal(receiveCommand('https://r.example', '42-crayon-orbit'),
    'java -jar p2p-copy-client.jar receive https://r.example 42-crayon-orbit');
});

test('saving into a folder where the browser can, a streamed download otherwise, in memory as the last way', () => {
  assert.equal(saveMode('', true, true), 'folder');
  assert.equal(saveMode('', false, true), 'stream');
  assert.equal(saveMode('', false, false), 'memory');
  assert.equal(saveMode('?save=download', true, true), 'stream');
  assert.equal(saveMode('?save=download', true, false), 'memory');
  assert.equal(saveMode('?save=memory', true, true), 'memory');
  assert.equal(saveMode('?save=folder', false, true), 'stream');
  assert.equal(saveMode('?save=anything', true, false), 'folder');
  assert.equal(downloadName('a.txt'), 'a.txt');
  assert.equal(downloadName('project/deep/b.bin'), 'project_deep_b.bin');
});

test('a zip archive is named after its one top-level folder, or in general', () => {
  const dir = (path) => ({ path, kind: 'dir' });
  const file = (path) => ({ path, kind: 'file', size: 1 });
  assert.equal(zipName([dir('project'), dir('project/a'), file('project/a/b.txt')]), 'project.zip');
  assert.equal(zipName([file('a.txt'), file('b.txt')]), 'p2p-copy.zip');
  assert.equal(zipName([dir('one'), dir('two')]), 'p2p-copy.zip');
  assert.equal(zipName([dir('x'), file('y')]), 'p2p-copy.zip');
});

test('the download sink saves a file only when it is closed, and nothing of an aborted one', async () => {
  const saved = [];
  const sink = downloadSink((name, blob) => saved.push([name, blob]));
  await sink.createFolder('d');
  const good = await sink.createFile('d/a.bin', 5);
  await good.write(new Uint8Array([1, 2]));
  await good.write(new Uint8Array([3, 4, 5]));
  assert.equal(saved.length, 0);
  await good.close();
  const bad = await sink.createFile('d/b.bin', 2);
  await bad.write(new Uint8Array([9]));
  await bad.abort();
  assert.equal(saved.length, 1);
  assert.equal(saved[0][0], 'd_a.bin');
  assert.deepEqual([...new Uint8Array(await saved[0][1].arrayBuffer())], [1, 2, 3, 4, 5]);
});
