import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INBOX_FRAMES, openRelay } from '../src/transport/relay.js';
import { StreamSocket } from '../src/transport/stream-socket.js';
import { fakeWebSocketStream } from './fake-websocketstream.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

function socket() {
  const { WebSocketStream, streams } = fakeWebSocketStream();
  const ws = new StreamSocket('ws://relay.test/room/7/sender', WebSocketStream);
  const events = [];
  for (const type of ['open', 'message', 'close']) {
    ws.addEventListener(type, (e) => events.push(type === 'message' ? e.data : type === 'close' ? [e.code, e.reason] : type));
  }
  return { ws, stream: streams[0], events };
}

describe('stream-socket.js: a WebSocket over WebSocketStream', () => {
  it('opens, sends copies of what it is given, and hands frames over as strings and ArrayBuffers', async () => {
    const { ws, stream, events } = socket();
    assert.equal(ws.readyState, 0);
    assert.throws(() => ws.send('early'), { name: 'InvalidStateError' });
    stream.open();
    await settle();
    assert.equal(ws.readyState, 1);
    const bytes = new Uint8Array([1, 2, 3, 4]);
    ws.send('{"type":"hello"}');
    ws.send(bytes.subarray(1, 3));
    bytes.fill(9); // the caller reuses its array
    stream.deliver('{"relay":"paired"}');
    stream.deliver([5, 6]);
    await settle();
    assert.deepEqual(stream.sent, ['{"type":"hello"}', new Uint8Array([2, 3])]);
    assert.equal(ws.bufferedAmount, 0);
    assert.equal(events[0], 'open');
    assert.equal(events[1], '{"relay":"paired"}');
    assert.ok(events[2] instanceof ArrayBuffer);
    assert.deepEqual([...new Uint8Array(events[2])], [5, 6]);
  });

  it('reads nothing while paused: frames wait in the network until resume', async () => {
    const { ws, stream, events } = socket();
    stream.open();
    await settle();
    stream.deliver('one');
    await settle();
    ws.pause();
    stream.deliver('two');
    await settle();
    // The read that was under way when it paused still delivers; then no more reads.
    stream.deliver('three');
    await settle();
    const readsWhilePaused = stream.reads;
    assert.deepEqual(events.slice(1), ['one', 'two']);
    await settle();
    assert.equal(stream.reads, readsWhilePaused);
    ws.resume();
    await settle();
    assert.deepEqual(events.slice(1), ['one', 'two', 'three']);
  });

  it('reports the close code and reason of the relay, and 1006 for a connection that failed', async () => {
    const closing = socket();
    closing.stream.open();
    closing.stream.closeNow(4001, 'room taken');
    await settle();
    assert.deepEqual(closing.events, ['open', [4001, 'room taken']]);
    assert.equal(closing.ws.readyState, 3);

    const failing = socket();
    failing.stream.fail();
    await settle();
    assert.deepEqual(failing.events, [[1006, '']]);
  });

  it('closes with the code it is given, once, and drops what is sent afterwards', async () => {
    const { ws, stream, events } = socket();
    stream.open();
    await settle();
    ws.close(1000);
    ws.close(1000);
    ws.send('late');
    await settle();
    assert.deepEqual(stream.closeCalls, [{ closeCode: 1000, reason: '' }]);
    assert.deepEqual(stream.sent, []);
    assert.deepEqual(events, ['open', [1000, '']]);
  });
});

describe('relay.js over a WebSocketStream', () => {
  it('stops reading while frames wait unread, and reads on as they are taken', async () => {
    const { WebSocketStream, streams } = fakeWebSocketStream();
    const opening = openRelay('ws://relay.test/room/7/receiver',
      { WebSocket: class extends StreamSocket { constructor(url) { super(url, WebSocketStream); } } });
    const stream = streams[0];
    stream.open();
    const relay = await opening;
    for (let i = 0; i < 3 * INBOX_FRAMES; i++) {
      stream.deliver([i]);
    }
    await settle();
    const reads = stream.reads;
    assert.ok(reads <= INBOX_FRAMES + 1, reads + ' reads with nothing taken');
    for (let i = 0; i < 3 * INBOX_FRAMES; i++) {
      assert.deepEqual([...(await relay.receive()).binary], [i]);
      await settle();
    }
    assert.ok(stream.reads > reads);
    stream.closeNow(1000);
    await relay.close();
  });
});
