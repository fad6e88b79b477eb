import {
  ADMIN_OPERATIONS,
  invalidExamples,
  Router,
  routePattern,
  undocumentedRoutes,
} from '@voxbridge/emulator-kit';
import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { LIVEVOX_OPERATIONS } from '@voxbridge/livevox/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startEmulator } from './helpers.js';

type Document = { paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> };

describe('the LiveVox emulator serves the wire contract', () => {
  let emu: LiveVoxEmulator;
  let document: Document;

  beforeAll(async () => {
    emu = await startEmulator();
    document = (await call(emu, 'GET', '/_emulator/openapi.json')).body;
  });
  afterAll(() => emu.close());

  it('documents every route of the API router', () => {
    expect(emu.routers.api.routes.length).toBeGreaterThan(25);
    expect(undocumentedRoutes(emu.routers.api, document)).toEqual([]);
  });

  it('documents every admin route, its own and the shared ones, under /_emulator', () => {
    // The admin router holds paths relative to /_emulator (the kit strips the prefix before dispatching).
    const prefixed = new Router();
    for (const route of emu.routers.admin.routes)
      prefixed.add(route.method, `/_emulator${route.pattern}`, route.handler);
    for (const op of ADMIN_OPERATIONS)
      prefixed.add(op.method, routePattern(op.path), () => ({ status: 200 }));
    expect(prefixed.routes.map((route) => `${route.method} ${route.pattern}`)).toEqual(
      expect.arrayContaining(['GET /_emulator/clock', 'POST /_emulator/traffic', 'GET /_emulator/truth']),
    );
    expect(undocumentedRoutes(prefixed, document)).toEqual([]);
  });

  it('serves every operation of the contract, and every example in the document passes its route', () => {
    const served = new Set(emu.routers.api.operations.map((op) => op.operationId));
    expect(LIVEVOX_OPERATIONS.filter((op) => !served.has(op.operationId))).toEqual([]);
    expect(invalidExamples([...emu.routers.api.operations, ...emu.routers.admin.operations])).toEqual([]);
    const documented = Object.values(document.paths).flatMap((item) => Object.values(item));
    expect(documented.filter((op) => op.operationId === 'interactionEventStream')).toHaveLength(1);
    expect(JSON.stringify(document.paths['/realtime/event/feed/sse'])).toContain('text/event-stream');
  });

  it('marks the Session methods public and everything else behind LV-Session', () => {
    expect(document.paths['/session/login']?.post?.security).toEqual([]);
    expect(document.paths['/realtime/service/stats']?.post?.security).toBeUndefined();
    expect((document as unknown as { security: unknown }).security).toEqual([{ LVSession: [] }]);
  });

  it('answers a request that breaks the contract with 400 {code, message} naming the field', async () => {
    const session = await login(emu);
    const bad = await call(emu, 'POST', '/realtime/service/stats', {
      session,
      body: { filter: { service: [{ id: 'abc' }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: 400, message: 'filter.service.0.id: must be a numeric id' });
    const key = await call(emu, 'POST', '/context/call/U1@10.0.0.1/12/ACC', {
      session,
      body: { entry: [{ key: '' }] },
    });
    expect(key.status).toBe(400);
    expect(key.body.message).toMatch(/^entry\.0\.key: /);
    const tx = await call(emu, 'GET', '/context/call/U1@10.0.0.1/x12/ACC', { session });
    expect(tx.body).toEqual({ code: 400, message: 'txId: must be an integer' });
    const clock = await call(emu, 'POST', '/_emulator/clock', { body: { speed: -1 } });
    expect(clock.status).toBe(400);
    expect(clock.body.message).toMatch(/^speed: /);
  });
});
