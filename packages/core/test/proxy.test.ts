import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError, dispatcherFor, HttpClient, proxyFromEnv, ValidationError } from '@voxbridge/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/** A forward proxy on loopback: tunnels CONNECT and forwards absolute-form requests, noting each target. */
function startProxy(): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    // Absolute-form request (`GET http://host:port/path`): forward it.
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : (host ?? ''), () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

let proxy: Awaited<ReturnType<typeof startProxy>>;
let target: Server;
let targetUrl: string;
const saved = Object.fromEntries(PROXY_VARS.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  proxy = await startProxy();
  target = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  );
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  proxy.server.closeAllConnections();
  target.closeAllConnections();
  await Promise.all([close(proxy.server), close(target)]);
});
afterEach(() => {
  for (const name of PROXY_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  proxy.seen.length = 0;
});

const targetHost = () => new URL(targetUrl).host;

describe('proxies', () => {
  it('sends every request through the `proxy` option', async () => {
    const http = new HttpClient({ baseUrl: targetUrl, proxy: proxy.url });
    expect(await http.json({ method: 'GET', path: 'items' })).toEqual({ ok: true });
    expect(proxy.seen).toEqual([`CONNECT ${targetHost()}`]);
  });

  it('honours HTTP_PROXY from the environment, and NO_PROXY bypasses it', async () => {
    for (const name of PROXY_VARS) delete process.env[name];
    process.env.HTTP_PROXY = proxy.url;
    const viaProxy = new HttpClient({ baseUrl: targetUrl });
    expect(await viaProxy.json({ method: 'GET', path: 'a' })).toEqual({ ok: true });
    expect(proxy.seen).toEqual([`CONNECT ${targetHost()}`]);

    process.env.NO_PROXY = 'example.com,127.0.0.1';
    const bypassing = new HttpClient({ baseUrl: targetUrl });
    expect(await bypassing.json({ method: 'GET', path: 'b' })).toEqual({ ok: true });
    expect(proxy.seen).toHaveLength(1);
  });

  it('reads lower-case names first, as curl does, and ignores the environment with proxy: false', async () => {
    for (const name of PROXY_VARS) delete process.env[name];
    process.env.http_proxy = proxy.url;
    process.env.HTTP_PROXY = 'http://127.0.0.1:1';
    expect(proxyFromEnv().httpProxy).toBe(proxy.url);
    const off = new HttpClient({ baseUrl: targetUrl, proxy: false });
    expect(await off.json({ method: 'GET', path: 'c' })).toEqual({ ok: true });
    expect(proxy.seen).toHaveLength(0);
  });

  it('applies the noProxy option to the proxy option', async () => {
    const http = new HttpClient({ baseUrl: targetUrl, proxy: proxy.url, noProxy: '127.0.0.1' });
    await http.json({ method: 'GET', path: 'd' });
    expect(proxy.seen).toHaveLength(0);
  });

  it('refuses a proxy that is not an http(s) URL, naming the setting but not its value', () => {
    expect(() => new HttpClient({ baseUrl: targetUrl, proxy: 'user:s3cret@nowhere' })).toThrow(
      ValidationError,
    );
    expect(() => new HttpClient({ baseUrl: targetUrl, proxy: 'user:s3cret@nowhere' })).toThrow(
      /^proxy: must be an absolute http:\/\/ or https:\/\/ proxy URL$/,
    );
    process.env.HTTPS_PROXY = 'socks://x';
    expect(() => dispatcherFor({})).toThrow(/^HTTPS_PROXY: must be/);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('a custom certificate authority (tls.caFile); needs the openssl binary', () => {
  let dir: string;
  let httpsUrl: string;
  let server: ReturnType<typeof createHttpsServer>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxbridge-ca-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'ca.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    server = createHttpsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'ca.pem')) },
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"tls":true}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the CA of caFile, directly and through the proxy, and not without it', async () => {
    const caFile = join(dir, 'ca.pem');
    const direct = new HttpClient({ baseUrl: httpsUrl, proxy: false, tls: { caFile } });
    expect(await direct.json({ method: 'GET', path: 'x' })).toEqual({ tls: true });
    const proxied = new HttpClient({ baseUrl: httpsUrl, proxy: proxy.url, tls: { caFile } });
    expect(await proxied.json({ method: 'GET', path: 'y' })).toEqual({ tls: true });
    expect(proxy.seen).toEqual([`CONNECT ${new URL(httpsUrl).host}`]);
    const untrusting = new HttpClient({ baseUrl: httpsUrl, proxy: false, retry: { maxRetries: 0 } });
    const error = await untrusting.json({ method: 'GET', path: 'z' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/self.signed|certificate/i);
  });

  it('names the file when it cannot be read or holds no certificate', () => {
    expect(() => new HttpClient({ baseUrl: httpsUrl, tls: { caFile: join(dir, 'missing.pem') } })).toThrow(
      /^tls.caFile: cannot read .*missing.pem \(ENOENT\)$/,
    );
    writeFileSync(join(dir, 'empty.pem'), 'nothing here');
    expect(() => new HttpClient({ baseUrl: httpsUrl, tls: { caFile: join(dir, 'empty.pem') } })).toThrow(
      /holds no PEM certificate/,
    );
  });
});
