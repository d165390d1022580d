// The public status site's optional script (docs/site.md). Pages are whole
// without it; with it, times show in the reader's own time zone and the
// report form gets a random client id and report id for this visit (nothing
// is stored in the browser: a new visit makes new ones).
(() => {
  'use strict';
  const language = document.documentElement.lang || 'en';
  const hour12 = language.startsWith('bn') ? false : undefined;
  const formats = {
    time: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', hour12, timeZoneName: 'short' }),
    datetime: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12, timeZoneName: 'short' }),
  };
  for (const element of document.querySelectorAll('time[data-local]')) {
    const when = new Date(element.getAttribute('datetime'));
    const format = formats[element.dataset.local];
    if (format && !Number.isNaN(when.getTime())) element.textContent = format.format(when);
  }

  const bytes = (n) => crypto.getRandomValues(new Uint8Array(n));
  const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  /** A version 4 UUID (crypto.randomUUID is missing outside secure contexts). */
  const uuid = () => {
    const b = bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = hex(b);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  /** 22 characters of [A-Za-z0-9_-]: the protocol's client id alphabet. */
  const clientId = () => btoa(String.fromCharCode(...bytes(16))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const visitClient = clientId();
  for (const input of document.querySelectorAll('input[data-random]')) {
    if (input.value) continue;
    input.value = input.dataset.random === 'client' ? visitClient : uuid();
  }
})();
