import { createServer } from 'node:http';
import { freeLocalPort, listenLocal } from '@voxbridge/core';
import { describe, expect, it } from 'vitest';

describe('listenLocal', () => {
  it('listens on a free port and gives the URL, an IPv6 host in brackets', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    try {
      const address = await listenLocal(server, 0, '127.0.0.1');
      expect(address.host).toBe('127.0.0.1');
      expect(address.url).toBe(`http://127.0.0.1:${address.port}`);
      expect(await (await fetch(address.url)).text()).toBe('ok');
    } finally {
      server.close();
    }
    const v6 = createServer();
    try {
      const address = await listenLocal(v6, 0, '::1');
      expect(address.url).toBe(`http://[::1]:${address.port}`);
    } catch (error) {
      // A machine without IPv6 loopback cannot bind ::1; that is the only refusal accepted here.
      expect((error as NodeJS.ErrnoException).code).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT/);
    } finally {
      v6.close();
    }
  });

  it('rejects with the server error when the port is taken, and leaves no listener behind', async () => {
    const first = createServer();
    const second = createServer();
    // Node's http server listens to its own `listening` event; only listenLocal's must be gone.
    const ownListeners = second.listenerCount('listening');
    try {
      const { port } = await listenLocal(first, 0, '127.0.0.1');
      await expect(listenLocal(second, port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(second.listenerCount('error')).toBe(0);
      expect(second.listenerCount('listening')).toBe(ownListeners);
    } finally {
      first.close();
      second.close();
    }
  });
});

describe('freeLocalPort', () => {
  it('gives a port nothing listens on any more, which a server can then take', async () => {
    const port = await freeLocalPort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    try {
      expect((await listenLocal(server, port, '127.0.0.1')).port).toBe(port);
    } finally {
      server.close();
    }
  });
});
