// The emulators' OpenAPI documents, as each serves them at `GET /_emulator/openapi.json`, written to
// docs/openapi/ by `npm run openapi`. The test packages/e2e/test/openapi-documents.test.ts imports
// `openApiDocuments` and `documentText` to check that the committed files are current and valid.
// Plain JavaScript so that the script runs on the built packages with no extra build step.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { startPlayvoxEmulator, startPlayvoxWfmEmulator } from '@voxbridge/emulator-playvox';

/** Where the documents are published, relative to the repository root. */
export const OPENAPI_DIR = 'docs/openapi';

/** One file per emulated API: the file name and how to start the emulator that serves it. */
export const EMULATED_APIS = [
  { file: 'playvox-qa.json', title: 'Playvox QA', start: () => startPlayvoxEmulator() },
  { file: 'playvox-wfm.json', title: 'Playvox WFM', start: () => startPlayvoxWfmEmulator() },
  { file: 'livevox.json', title: 'LiveVox', start: () => startLiveVoxEmulator() },
  { file: 'gladly.json', title: 'Gladly', start: () => startGladlyEmulator() },
];

/**
 * The document each emulator serves, by file name. Each emulator is started on a free loopback port,
 * asked over HTTP (so the file is exactly what a reader of `/_emulator/openapi.json` gets), and closed.
 * @returns {Promise<Map<string, unknown>>}
 */
export async function openApiDocuments() {
  const documents = new Map();
  for (const api of EMULATED_APIS) {
    const emulator = await api.start();
    try {
      const response = await fetch(`${emulator.url}/_emulator/openapi.json`);
      if (!response.ok)
        throw new Error(`${api.title}: GET /_emulator/openapi.json answered ${response.status}`);
      documents.set(api.file, await response.json());
    } finally {
      await emulator.close();
    }
  }
  return documents;
}

/** Object keys in code-point order at every depth, so the text does not depend on insertion order. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => [key, sortKeys(value[key])]),
  );
}

/**
 * The file text of a document: sorted keys, two-space indent, a final newline; no timestamp or port.
 * @param {unknown} document
 * @returns {string}
 */
export function documentText(document) {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

/** Writes every document into `dir` and removes `.json` files there that no emulator serves any more. */
async function writeDocuments(dir) {
  mkdirSync(dir, { recursive: true });
  const documents = await openApiDocuments();
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.json') && !documents.has(name)) rmSync(join(dir, name));
  }
  for (const [file, document] of documents) {
    writeFileSync(join(dir, file), documentText(document));
    console.log(`wrote ${OPENAPI_DIR}/${file}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await writeDocuments(join(root, OPENAPI_DIR));
}
