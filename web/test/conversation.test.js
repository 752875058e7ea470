// How a conversation closes its connection (docs/protocol.md §2.3): with 4100 after a wrong code,
// its own or the peer's, so that the relay counts a failed pairing; with 1000 after anything else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Conversation } from '../src/transfer/conversation.js';
import { ProtocolError } from '../src/protocol/errors.js';
import { ScriptedChannel } from './scripted-channel.js';

const CODE = '7-crayon-orbit';

/** Runs `body` to the end as a receiver over `channel`; returns the failure it ended with. */
async function failureOf(channel, body) {
  const conversation = new Conversation(channel, CODE, 'receiver');
  const failure = await conversation.runToEnd(undefined, () => body(conversation)).then(
    () => assert.fail('expected a failure'), (e) => e);
  assert.ok(channel.closed, 'the connection was closed');
  return failure;
}

describe('Conversation.runToEnd', () => {
  it("closes with 4100 when the peer's key confirmation failed", async () => {
    const channel = new ScriptedChannel()
      .whenSent(0, { text: '{"type":"error","code":"wrong_code","message":"wrong code or tampering"}' });
    const failure = await failureOf(channel, (conversation) => conversation.receive());
    assert.deepEqual([failure.exitCode, failure.code, failure.byPeer], [7, 'wrong_code', true]);
    assert.equal(channel.closeCode, 4100);
  });

  it('closes with 4100 when its own key confirmation failed', async () => {
    const channel = new ScriptedChannel();
    const failure = await failureOf(channel, () => { throw new ProtocolError('wrong_code', 'wrong code or tampering'); });
    assert.equal(failure.code, 'wrong_code');
    assert.equal(channel.closeCode, 4100);
    assert.match(channel.sent[0].text, /"code":"wrong_code"/, 'the peer is told first');
  });

  it('closes with 1000 after any other stop', async () => {
    const channel = new ScriptedChannel()
      .whenSent(0, { text: '{"type":"error","code":"no_space","message":"the disk is full"}' });
    await failureOf(channel, (conversation) => conversation.receive());
    assert.equal(channel.closeCode, 1000);
  });
});
