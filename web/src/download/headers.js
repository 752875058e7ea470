// The response headers that make the browser save a body as a file named `name`.

/**
 * Content-Disposition with the name in RFC 6266/8187 form (UTF-8, percent-encoded) and a plain
 * ASCII fallback for old clients; Content-Length when the size is known, so that the browser shows
 * progress and fails a download that ends short.
 */
export function attachmentHeaders(name, size) {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const headers = {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': 'attachment; filename="' + fallback + '"; filename*=UTF-8\'\'' + encodeRfc8187(name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  if (Number.isSafeInteger(size) && size >= 0) {
    headers['Content-Length'] = String(size);
  }
  return headers;
}

/** RFC 8187's value-chars: attr-char as it is, every other UTF-8 byte as %XX. */
function encodeRfc8187(text) {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
