// pairing.js over a fake WebSocket: a typed code, and a new code that skips rooms that are not free.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pair, pairWithNewCode } from '../src/pairing/pairing.js';
import { ATTEMPTS } from '../src/protocol/code.js';
import { TransferError, UsageError } from '../src/protocol/errors.js';
import { fakeWebSocket, tick } from './fake-websocket.js';

const WORDS = Object.freeze(Array.from({ length: 2048 }, (_, i) => 'w' + i));

/** Resolves with the `n`-th socket (from 1) once the page has opened it. */
async function socket(fake, n) {
  for (let i = 0; i < 200 && fake.sockets.length < n; i++) {
    await tick();
  }
  assert.ok(fake.sockets.length >= n, 'socket ' + n + ' was not opened');
  return fake.sockets[n - 1];
}

/** A random source that counts up: codes differ from one attempt to the next. */
function counting() {
  let next = 0;
  return (array) => {
    array.fill(next++);
    return array;
  };
}

describe('pair', () => {
  it('connects under the room of the code and waits for the other side', async () => {
    const fake = fakeWebSocket();
    const said = [];
    const pairing = pair('https://relay.example/p2p/', '42-crayon-orbit', 'receiver', {
      WebSocket: fake.WebSocket,
      onStatus: (m) => said.push(m),
      onWarning: (m) => said.push('warning: ' + m),
    });
    const ws = await socket(fake, 1);
    assert.equal(ws.url, 'wss://relay.example/p2p/relay/v1/42/receive');
    ws.open();
    ws.deliver('{"relay":"waiting"}');
    ws.deliver('{"relay":"paired"}');
    const relay = await pairing;
    assert.equal(relay.endpoint, ws.url);
    assert.deepEqual(said, ['connecting to wss://relay.example/p2p/relay/v1/42/receive',
      'waiting for the sender to join room 42', 'paired']);
  });

  it('warns about a code that is all room', async () => {
    const fake = fakeWebSocket();
    const warnings = [];
    const pairing = pair('ws://127.0.0.1:8080', 'abc', 'sender', { WebSocket: fake.WebSocket, onWarning: (m) => warnings.push(m) });
    const ws = await socket(fake, 1);
    ws.open();
    ws.deliver('{"relay":"paired"}');
    await pairing;
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /the relay sees all of it/);
  });

  it('refuses a bad code or address before connecting', async () => {
    const fake = fakeWebSocket();
    await assert.rejects(pair('ws://127.0.0.1:8080', '7 crayon', 'sender', { WebSocket: fake.WebSocket }), UsageError);
    await assert.rejects(pair('ftp://relay.example', '7-crayon', 'sender', { WebSocket: fake.WebSocket }), UsageError);
    assert.equal(fake.sockets.length, 0);
  });
});

describe('pairWithNewCode', () => {
  it('leaves a room where a receiver waits and one that is taken, and claims the next', async () => {
    const fake = fakeWebSocket();
    const codes = [];
    const pairing = pairWithNewCode('ws://127.0.0.1:8080', WORDS, {
      WebSocket: fake.WebSocket, randomSource: counting(), onCode: (code) => codes.push(code),
    });
    const someonesRoom = await socket(fake, 1);
    someonesRoom.open();
    someonesRoom.deliver('{"relay":"paired"}'); // a receiver waited there for someone else
    const taken = await socket(fake, 2);
    assert.equal(someonesRoom.readyState, 3, 'the first room was left');
    taken.open();
    taken.closeNow(4001, 'room taken');
    const free = await socket(fake, 3);
    free.open();
    free.deliver('{"relay":"waiting"}');
    await tick();
    assert.equal(codes.length, 1, 'the code is shown once the room is ours');
    const room = codes[0].split('-')[0];
    assert.match(free.url, new RegExp('/relay/v1/' + room + '/send$'));
    assert.notEqual(someonesRoom.url, free.url);
    free.deliver('{"relay":"paired"}');
    const { code, relay } = await pairing;
    assert.equal(code.password, codes[0]);
    assert.equal(code.password.split('-').length, 3, 'a number and two words');
    assert.equal(relay.endpoint, free.url);
  });

  it('gives up after every attempt found its room busy', async () => {
    const fake = fakeWebSocket();
    const pairing = pairWithNewCode('ws://127.0.0.1:8080', WORDS, { WebSocket: fake.WebSocket, randomSource: counting() });
    for (let n = 1; n <= ATTEMPTS; n++) {
      const ws = await socket(fake, n);
      ws.open();
      ws.closeNow(4001);
    }
    await assert.rejects(pairing, (e) => e instanceof TransferError && e.exitCode === 3 && /no free room/.test(e.message));
  });

  it('fails as the relay does while the code waits for its receiver, and closes', async () => {
    const fake = fakeWebSocket();
    const pairing = pairWithNewCode('ws://127.0.0.1:8080', WORDS, { WebSocket: fake.WebSocket, randomSource: counting() });
    const ws = await socket(fake, 1);
    ws.open();
    ws.deliver('{"relay":"waiting"}');
    await tick();
    ws.closeNow(4003);
    await assert.rejects(pairing, (e) => e instanceof TransferError && e.closeCode === 4003);
  });
});
