// Types of scripts/openapi.mjs, for the TypeScript test that imports it.

/** Where the documents are published, relative to the repository root. */
export const OPENAPI_DIR: string;

/** One emulated API: its published file, its title, and how to start the emulator that serves it. */
export interface EmulatedApi {
  file: string;
  title: string;
  start(): Promise<{ url: string; close(): Promise<void> }>;
}

/** One file per emulated API. */
export const EMULATED_APIS: readonly EmulatedApi[];

/** The document each emulator serves at `GET /_emulator/openapi.json`, by file name. */
export function openApiDocuments(): Promise<Map<string, Record<string, unknown>>>;

/** The file text of a document: sorted keys, two-space indent, a final newline. */
export function documentText(document: unknown): string;
