import { operation } from '@voxbridge/core';
import {
  ADMIN_OPERATIONS,
  invalidExamples,
  openApiDocument,
  Router,
  routePattern,
  serveOperation,
  startEmulator,
  undocumentedRoutes,
} from '@voxbridge/emulator-kit';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const createThing = operation({
  operationId: 'createThing',
  method: 'POST',
  path: '/things/{group}',
  summary: 'Create a thing',
  params: z.object({ group: z.string().regex(/^[a-z]+$/) }),
  query: z.object({ dry: z.enum(['true', 'false']).optional() }),
  body: z.object({ name: z.string().min(1), size: z.number().int().default(1) }),
  responses: { 201: { description: 'created', schema: z.object({ id: z.string(), size: z.number() }) } },
  requestExamples: { small: { summary: 'a small thing', value: { name: 'box' } } },
  responseExamples: { 201: { small: { summary: 'created', value: { id: 't1', size: 1 } } } },
});

describe('wire contracts in the emulator kit', () => {
  it('serves an operation with validated, defaulted input and a 422 naming the field', async () => {
    const router = new Router();
    serveOperation(
      router,
      createThing,
      (ctx) => ({
        status: 201,
        body: { id: `${ctx.params.group}-1`, size: (ctx.body as { size: number }).size },
      }),
      { status: 422 },
    );
    const emulator = await startEmulator({
      name: 'contract',
      router,
      defaultConfig: { rateLimit: { requestsPerMinute: 0 } },
      authenticate: () => 'k',
      errorBody: (status, message) => ({ status, message }),
      reset: () => {},
      openapi: () => openApiDocument({ title: 'things', version: '1' }, router.operations),
    });
    try {
      const post = async (path: string, body: unknown) => {
        const answer = await request(`${emulator.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: answer.statusCode, body: (await answer.body.json()) as Record<string, unknown> };
      };
      expect(await post('/things/red', { name: 'box' })).toEqual({
        status: 201,
        body: { id: 'red-1', size: 1 },
      });
      const bad = await post('/things/red', { name: 7 });
      expect(bad.status).toBe(422);
      expect(bad.body.message).toMatch(/^name: /);
      expect((await post('/things/RED', { name: 'box' })).body.message).toMatch(/^group: /);
      expect((await post('/things/red?dry=maybe', { name: 'box' })).body.message).toMatch(/^dry: /);
      const document = (await (await request(`${emulator.url}/_emulator/openapi.json`)).body.json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(document.paths)).toContain('/things/{group}');
      expect(document.paths['/_emulator/health']?.get).toBeDefined();
      expect(undocumentedRoutes(router, document)).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('generates parameters, bodies, answers and examples, and names undocumented routes', () => {
    const document = openApiDocument({ title: 'things', version: '1' }, [createThing]) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters: Array<{ name: string; in: string; required: boolean }> }>
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    const post = document.paths['/things/{group}']?.post;
    expect(post?.parameters).toEqual([
      expect.objectContaining({ name: 'group', in: 'path', required: true }),
      expect.objectContaining({ name: 'dry', in: 'query', required: false }),
    ]);
    expect(JSON.stringify(post)).toContain('"examples"');
    const router = new Router().get('/other/:id', () => ({ status: 200 }));
    expect(undocumentedRoutes(router, document)).toEqual(['GET /other/:id']);
    expect(routePattern('/a/{b}/c/{d}')).toBe('/a/:b/c/:d');
  });

  it('reports examples that break their own schemas', () => {
    expect(invalidExamples([createThing, ...ADMIN_OPERATIONS])).toEqual([]);
    const broken = { ...createThing, requestExamples: { bad: { summary: 'no name', value: { size: 2 } } } };
    expect(invalidExamples([broken])).toEqual([expect.stringMatching(/^createThing request bad: name: /)]);
  });
});
