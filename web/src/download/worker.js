// The page's service worker (served as sw.js): turns what the page writes into a pipe into a file
// download, so that a received file goes to disk as it arrives instead of being held in memory
// (browsers without the File System Access API, see sinks.js). It answers only requests for
// download/ID that the page announced; every other request goes to the network as without it.
import { pipeHeld, pipeReadable } from './pipe.js';
import { attachmentHeaders } from './headers.js';

/** Downloads the page announced and the browser has not asked for yet, by id. */
const announced = new Map();

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data ?? {};
  if (data.type === 'download' && event.ports.length === 1) {
    announced.set(String(data.id), { port: event.ports[0], name: String(data.name), size: data.size });
    pipeHeld(event.ports[0]);
  }
  // {type: 'keep-alive'} needs no answer: a message is an event, and an event keeps the worker
  // running while a download is under way (a browser stops idle workers after some seconds).
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const prefix = new URL('download/', self.registration.scope).pathname;
  if (url.origin !== self.location.origin || !url.pathname.startsWith(prefix)) {
    return;
  }
  const id = decodeURIComponent(url.pathname.slice(prefix.length).split('/')[0]);
  const download = announced.get(id);
  if (download === undefined) {
    event.respondWith(new Response('no such download: it ended, or the page that started it was closed',
      { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }));
    return;
  }
  announced.delete(id);
  event.respondWith(new Response(pipeReadable(download.port),
    { headers: attachmentHeaders(download.name, download.size) }));
});
