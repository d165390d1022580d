// A minimal Marionette client (Firefox's built-in automation protocol: TCP,
// messages framed as `length:json`). web-ext runs the add-on; Marionette lets
// the test press the first-run button and open pages like a user would.
import net from 'node:net';
import { waitFor, withTimeout } from './wait.mjs';

export async function connectMarionette(port, timeout = 30_000) {
  const socket = await waitFor(`Marionette to listen on port ${port}`, () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => resolve(s));
    s.once('error', () => resolve(undefined));
  }), { timeout, interval: 250 });
  let buffer = '';
  const waiting = [];
  const pending = new Map();
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffer += chunk;
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(buffer.slice(0, colon));
      if (buffer.length < colon + 1 + length) return;
      const message = JSON.parse(buffer.slice(colon + 1, colon + 1 + length));
      buffer = buffer.slice(colon + 1 + length);
      if (Array.isArray(message) && message[0] === 1) {
        const [, id, error, result] = message;
        const p = pending.get(id);
        pending.delete(id);
        if (error) p?.reject(new Error(`${error.error}: ${error.message}`));
        else p?.resolve(result);
      } else {
        waiting.shift()?.(message);
      }
    }
  });
  await new Promise((resolve) => waiting.push(resolve)); // the server's hello
  let nextId = 1;
  const send = (command, params = {}, timeoutMs = 30_000) => withTimeout(`Marionette ${command}`, new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const body = JSON.stringify([0, id, command, params]);
    socket.write(`${Buffer.byteLength(body)}:${body}`);
  }), timeoutMs);
  return {
    send,
    /** Switches to the tab whose URL satisfies `test`; returns its handle. */
    async switchToTab(test, what, timeoutMs = 15_000) {
      return waitFor(what, async () => {
        for (const handle of await send('WebDriver:GetWindowHandles')) {
          await send('WebDriver:SwitchToWindow', { handle, focus: true });
          const { value: url } = await send('WebDriver:GetCurrentURL');
          if (test(url)) return handle;
        }
        return undefined;
      }, { timeout: timeoutMs, interval: 300 });
    },
    close: () => socket.destroy(),
  };
}
