// relay.js over a fake WebSocket: the relay's signals, its close codes as failures with exit codes,
// frames in order before the end, and backpressure on bufferedAmount.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, openRelay } from '../src/transport/relay.js';
import { EXIT, TransferError } from '../src/protocol/errors.js';
import { fakeWebSocket, tick } from './fake-websocket.js';

const ENDPOINT = 'wss://relay.example/relay/v1/7/send';
const WAITING = '{"relay":"waiting"}';
const PAIRED = '{"relay":"paired"}';

/** A connection through the fake, paired; `sockets[0]` is its WebSocket. */
async function paired(options = {}) {
  const fake = fakeWebSocket();
  const connecting = connect(ENDPOINT, { WebSocket: fake.WebSocket, ...options });
  await tick();
  const [ws] = fake.sockets;
  ws.open();
  ws.deliver(PAIRED);
  return { relay: await connecting, ws };
}

function failure(exitCode, closeCode, text) {
  return (e) => {
    assert.ok(e instanceof TransferError, 'a TransferError: ' + e);
    assert.equal(e.exitCode, exitCode, e.message);
    assert.equal(e.closeCode, closeCode, e.message);
    if (text !== undefined) {
      assert.match(e.message, text);
    }
    return true;
  };
}

describe('relay.js: pairing', () => {
  it('opens the endpoint for array buffers, tells about waiting and resolves when paired', async () => {
    const fake = fakeWebSocket();
    let waited = 0;
    const connecting = connect(ENDPOINT, { WebSocket: fake.WebSocket, onWaiting: () => { waited++; } });
    const [ws] = fake.sockets;
    assert.equal(ws.url, ENDPOINT);
    assert.equal(ws.protocols, undefined, 'no subprotocol');
    assert.equal(ws.binaryType, 'arraybuffer');
    ws.open();
    ws.deliver(WAITING);
    await tick();
    assert.equal(waited, 1);
    ws.deliver(PAIRED);
    const relay = await connecting;
    assert.equal(relay.endpoint, ENDPOINT);
    assert.equal(relay.poll(), null, 'the signals are not frames of the peer');
  });

  it('is paired at once when the other peer waits already', async () => {
    const { relay } = await paired({ onWaiting: () => assert.fail('not waiting') });
    assert.ok(relay);
  });

  for (const [code, exitCode, text] of [
    [4003, 3, /nobody joined with this code in time/],
    [4001, 3, /someone else is already using this code/],
    [4004, 3, /protocol version/],
    [1001, 3, /shutting down/],
  ]) {
    it('fails with exit code ' + exitCode + ' when the relay closes with ' + code, async () => {
      const fake = fakeWebSocket();
      const connecting = connect(ENDPOINT, { WebSocket: fake.WebSocket });
      const [ws] = fake.sockets;
      ws.open();
      ws.deliver(WAITING);
      await tick();
      ws.closeNow(code, 'the reason');
      await assert.rejects(connecting, failure(exitCode, code, text));
    });
  }

  it('cannot reach a relay whose WebSocket fails before it opens', async () => {
    const fake = fakeWebSocket();
    const connecting = connect(ENDPOINT, { WebSocket: fake.WebSocket });
    fake.sockets[0].fail();
    await assert.rejects(connecting, failure(3, null, /cannot reach the relay at wss:\/\/relay\.example/));
  });

  it('cannot reach a relay the browser refuses to connect to', async () => {
    const fake = fakeWebSocket({ throwOnConstruct: new DOMException('insecure', 'SecurityError') });
    await assert.rejects(connect('ws://relay.example/relay/v1/7/send', { WebSocket: fake.WebSocket }),
      failure(3, null, /cannot reach the relay .*insecure/));
  });

  it('gives up on a relay that does not answer', async () => {
    const fake = fakeWebSocket();
    await assert.rejects(connect(ENDPOINT, { WebSocket: fake.WebSocket, connectTimeoutMs: 20 }),
      failure(3, null, /did not answer within 0.02 s/));
    await tick();
    assert.deepEqual(fake.sockets[0].closeCalls, [[1000, undefined]]);
  });

  it('refuses what is not a signal', async () => {
    for (const frame of ['{"relay":"teleport"}', 'hello', new Uint8Array([1, 2])]) {
      const fake = fakeWebSocket();
      const connecting = connect(ENDPOINT, { WebSocket: fake.WebSocket });
      fake.sockets[0].open();
      fake.sockets[0].deliver(frame);
      await assert.rejects(connecting, failure(3, null, /is wss:\/\/relay\.example.* a p2p-copy relay\?/));
    }
  });

  it('stops waiting when the signal aborts, and closes', async () => {
    const fake = fakeWebSocket();
    const abort = new AbortController();
    const connecting = connect(ENDPOINT, { WebSocket: fake.WebSocket, signal: abort.signal });
    const [ws] = fake.sockets;
    ws.open();
    ws.deliver(WAITING);
    await tick();
    abort.abort();
    await assert.rejects(connecting, (e) => e instanceof TransferError && e.code === 'cancelled');
    assert.equal(ws.readyState, 3);
  });

  it("leaves a paired connection alone when the pairing's signal aborts later", async () => {
    const abort = new AbortController();
    const { relay, ws } = await paired({ signal: abort.signal });
    abort.abort();
    await tick();
    assert.equal(ws.readyState, 1);
    await relay.sendText('still open');
    assert.deepEqual(ws.sent, ['still open']);
  });
});

describe('relay.js: frames', () => {
  it('hands out text and binary frames in order, then the close as a failure', async () => {
    const { relay, ws } = await paired();
    ws.deliver('{"type":"hello"}');
    ws.deliver(new Uint8Array([1, 2, 3]));
    ws.deliver('{"type":"error","code":"cancelled","message":"no"}');
    ws.closeNow(4002, 'the other peer left');
    assert.deepEqual(await relay.receive(), { text: '{"type":"hello"}' });
    assert.deepEqual(await relay.receive(), { binary: new Uint8Array([1, 2, 3]) });
    assert.deepEqual(relay.poll(), { text: '{"type":"error","code":"cancelled","message":"no"}' },
      "the peer's last word comes before the relay's close");
    await assert.rejects(relay.receive(), failure(4, 4002, /the other side left/));
    assert.throws(() => relay.poll(), failure(4, 4002));
  });

  it('wakes a waiting receive when a frame arrives', async () => {
    const { relay, ws } = await paired();
    const next = relay.receive();
    ws.deliver('late');
    assert.deepEqual(await next, { text: 'late' });
  });

  it('reports a connection that broke as lost', async () => {
    const { relay, ws } = await paired();
    ws.fail();
    await assert.rejects(relay.receive(), failure(3, 1006, /lost the connection/));
  });

  it('sends text and bytes, and fails a send after the relay closed with its close code', async () => {
    const { relay, ws } = await paired();
    await relay.sendText('{"type":"accept"}');
    const bytes = new Uint8Array([9, 8, 7, 6]);
    await relay.sendBinary(bytes.subarray(1, 3));
    assert.deepEqual(ws.sent, ['{"type":"accept"}', new Uint8Array([8, 7])]);
    ws.closeNow(4002);
    await assert.rejects(relay.sendText('too late'), failure(4, 4002));
  });

  it('waits to send while the socket holds more than the high-water mark', async () => {
    const { relay, ws } = await paired({ highWaterBytes: 1000, pollMs: 1 });
    ws.bufferedAmount = 5000;
    let done = false;
    const first = relay.sendBinary(new Uint8Array(10)).then(() => { done = true; });
    const second = relay.sendText('after the chunk');
    await tick(30);
    assert.equal(done, false, 'the send waits');
    assert.deepEqual(ws.sent, [], 'nothing went into the full buffer');
    ws.bufferedAmount = 1000; // at the mark is room enough
    await first;
    await second;
    assert.deepEqual(ws.sent, [new Uint8Array(10), 'after the chunk'], 'in the order of the calls');
  });

  it('fails a send that waits for room when the connection ends', async () => {
    const { relay, ws } = await paired({ highWaterBytes: 1000, pollMs: 1 });
    ws.bufferedAmount = 5000;
    const sending = relay.sendBinary(new Uint8Array(10));
    await tick(5);
    ws.closeNow(4002);
    await assert.rejects(sending, failure(4, 4002));
  });

  it('closes after what was sent, with 1000, and reads fail afterwards', async () => {
    const { relay, ws } = await paired();
    await relay.sendText('{"type":"ack","files":1,"bytes":2}');
    await relay.close();
    assert.deepEqual(ws.closeCalls, [[1000, undefined]]);
    assert.equal(ws.readyState, 3);
    await assert.rejects(relay.receive(), TransferError);
    await relay.close(); // twice is harmless
  });

  it('closes with 4100 after a wrong code, so that the relay counts a failed pairing', async () => {
    const { relay, ws } = await paired();
    await relay.close(new TransferError(EXIT.WRONG_CODE, 'wrong code or tampering', { code: 'wrong_code' }));
    assert.deepEqual(ws.closeCalls, [[4100, undefined]]);
    await assert.rejects(relay.receive(), /wrong code or tampering/);
  });

  it('closes with 1000 after any other failure', async () => {
    const { relay, ws } = await paired();
    await relay.close(new TransferError(EXIT.PEER, 'the receiver stopped: disk full', { code: 'no_space', byPeer: true }));
    assert.deepEqual(ws.closeCalls, [[1000, undefined]]);
  });
});

describe('openRelay', () => {
  it('resolves when open, before any signal', async () => {
    const fake = fakeWebSocket();
    const opening = openRelay(ENDPOINT, { WebSocket: fake.WebSocket });
    fake.sockets[0].open();
    const relay = await opening;
    fake.sockets[0].deliver(PAIRED);
    assert.equal(await relay.awaitSignal(), 'paired');
    fake.sockets[0].closeNow(4001);
    assert.equal(await relay.awaitSignal(), 'room_taken');
  });
});
