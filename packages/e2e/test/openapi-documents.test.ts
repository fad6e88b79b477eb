import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentText, EMULATED_APIS, OPENAPI_DIR, openApiDocuments } from '../../../scripts/openapi.mjs';

// The published documents under docs/openapi/ are what the emulators serve today (regenerated in
// memory, never written here) and valid OpenAPI by a validator library.

const publishedDir = join(fileURLToPath(new URL('../../../', import.meta.url)), OPENAPI_DIR);
const STALE = 'is out of date: run npm run openapi';

type Operation = { operationId?: string; parameters?: Array<{ in: string; name: string }> };
type Document = { paths: Record<string, Record<string, Operation>> };

let documents: Map<string, unknown>;
beforeAll(async () => {
  documents = await openApiDocuments();
});

/** Problems a schema check cannot see: duplicate operation ids, path variables without a parameter. */
function semanticProblems(document: Document): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problems.push(`${where}: no operationId`);
      else if (seen.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} used twice`);
      else seen.add(op.operationId);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const declared = (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      if (templated.join() !== declared.join())
        problems.push(`${where}: path variables [${templated}] but path parameters [${declared}]`);
    }
  }
  return problems;
}

describe('docs/openapi', () => {
  it('holds one file per emulated API and no other document', () => {
    const published = readdirSync(publishedDir).filter((name) => name.endsWith('.json'));
    expect(published.sort()).toEqual(EMULATED_APIS.map((api) => api.file).sort());
  });

  for (const api of EMULATED_APIS) {
    describe(api.title, () => {
      it(`docs/openapi/${api.file} is what the emulator serves`, () => {
        const committed = readFileSync(join(publishedDir, api.file), 'utf8');
        const current = documentText(documents.get(api.file));
        // Compared as text: key order and formatting are part of the published file.
        expect(committed === current, `docs/openapi/${api.file} ${STALE}`).toBe(true);
      });

      it('is valid OpenAPI 3.1', async () => {
        const validator = new Validator();
        const result = await validator.validate(structuredClone(documents.get(api.file)) as Record<string, unknown>);
        expect(result.errors ?? []).toEqual([]);
        expect(result.valid).toBe(true);
        expect(validator.version).toBe('3.1');
      });

      it('names each operation once and declares every path variable', () => {
        expect(semanticProblems(documents.get(api.file) as Document)).toEqual([]);
      });
    });
  }

  it('the validator rejects a document whose response lacks its description', async () => {
    const broken = structuredClone(documents.get(EMULATED_APIS[0]!.file)) as {
      paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>>;
    };
    const op = Object.values(Object.values(broken.paths)[0]!)[0]!;
    delete Object.values(op.responses)[0]!.description;
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result.errors)).toContain("must have required property 'description'");
  });
});
