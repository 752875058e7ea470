// The receive link as a QR code, so that a phone can open it: SVG markup from qrcode-generator,
// drawn locally (no network, no canvas).
import qrcode from 'qrcode-generator';

/**
 * SVG markup of a QR code for `text`. Error correction level M keeps the code readable from a
 * screen with some glare; type 0 lets the library pick the smallest version that holds the text.
 */
export function qrSvg(text) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 4, margin: 8, scalable: true, title: 'QR code of the link' });
}
