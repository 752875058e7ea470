// The relay's WebSocket endpoint for a room (docs/protocol.md §2.1), as the Java client's
// RelayAddress: the address as the user typed it, http:// → ws://, https:// → wss://, no scheme →
// wss://, trailing '/' dropped, any path kept as the relay's context root.
//
// Parsed by hand rather than with URL: WHATWG URL reads "wss:///path" as the host "path" and
// rewrites hosts and paths, where the Java client (java.net.URI) refuses the first and keeps the
// text as typed; both clients must turn the same typed address into the same endpoint.
import { UsageError } from '../protocol/errors.js';

/** The endpoint's path below the relay's base: the protocol version 1. */
export const ENDPOINT_PATH = '/relay/v1/';
/** The path segment of each role (§2.1). */
export const ROLE_SEGMENTS = Object.freeze({ sender: 'send', receiver: 'receive' });

const SCHEMES = new Map([['ws', 'ws'], ['http', 'ws'], ['wss', 'wss'], ['https', 'wss']]);
// scheme :// authority path ?query #fragment; each part as RFC 3986 allows it.
const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
// host[:port]: a registered name (letters, digits, -._~ and %XX) or a bracketed IPv6 literal.
const AUTHORITY = /^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+(?::[0-9]*)?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]*)?$/;
const PATH = /^(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*$/;
const ROOM = /^[A-Za-z0-9_]{1,64}$/;

/**
 * The endpoint URL of `room` for `role` ('sender' or 'receiver') on the relay `server` as typed.
 *
 * @throws {UsageError} if the address is refused: empty, another scheme, no host, a '?' or '#'
 *     part, or characters no URL has (exit code 2, as the Java client's bad relay address)
 */
export function relayEndpoint(server, room, role) {
  if (!Object.hasOwn(ROLE_SEGMENTS, role)) {
    throw new TypeError("the role is 'sender' or 'receiver'");
  }
  const segment = ROLE_SEGMENTS[role];
  if (typeof room !== 'string' || !ROOM.test(room)) {
    throw new TypeError('not a room: ' + room); // parseCode refuses such codes before anything connects
  }
  const typed = String(server).trim();
  if (typed === '') {
    throw invalid(server, 'it is empty');
  }
  const parts = URL_PARTS.exec(typed.includes('://') ? typed : 'wss://' + typed);
  if (parts === null) {
    throw invalid(server, 'it is not a URL');
  }
  const [, scheme, authority, path, query, fragment] = parts;
  const wsScheme = SCHEMES.get(scheme.toLowerCase());
  if (wsScheme === undefined) {
    throw invalid(server, 'use ws://, wss://, http:// or https://');
  }
  if (authority === '' || !AUTHORITY.test(authority)) {
    throw invalid(server, 'it names no host');
  }
  if (query !== undefined || fragment !== undefined) {
    throw invalid(server, "a relay address has no '?' or '#' part");
  }
  if (!PATH.test(path)) {
    throw invalid(server, 'its path has characters a URL cannot hold');
  }
  return wsScheme + '://' + authority + path.replace(/\/+$/, '') + ENDPOINT_PATH + room + '/' + segment;
}

function invalid(server, why) {
  return new UsageError('bad relay address "' + server + '": ' + why);
}
