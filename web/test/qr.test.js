// The receive link's QR code (web/src/ui/qr.js).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { qrSvg } from '../src/ui/qr.js';

const LINK = 'https://relay.example.org/#42-crayon-orbit';

it('draws the link as a scalable SVG with a title for screen readers', () => {
  const svg = qrSvg(LINK);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  assert.match(svg, /<title[^>]*>QR code of the link<\/title>/);
  assert.match(svg, /<path [^>]*d="M/);
});

it('is the same for the same link and differs for another', () => {
  assert.equal(qrSvg(LINK), qrSvg(LINK));
  assert.notEqual(qrSvg(LINK), qrSvg(LINK.replace('orbit', 'orbiT')));
});
