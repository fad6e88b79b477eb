import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the dashboard serves, loaded once. */
export interface StaticFile {
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The package's `static/` folder: next to `src/` and `dist/`, so both the sources and the build find it. */
export const STATIC_DIR = fileURLToPath(new URL('../static/', import.meta.url));

/**
 * Loads the page's files: everything in `static/` with a known type (no subfolders, so a request can
 * name nothing else), plus uPlot's script and stylesheet from its npm package.
 */
export function loadStaticFiles(dir = STATIC_DIR): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const contentType = CONTENT_TYPES[extname(entry.name)];
    if (entry.isFile() && contentType)
      files.set(entry.name, { contentType, body: readFileSync(join(dir, entry.name)) });
  }
  const require = createRequire(import.meta.url);
  files.set('uplot.min.js', {
    contentType: CONTENT_TYPES['.js']!,
    body: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js')),
  });
  files.set('uplot.min.css', {
    contentType: CONTENT_TYPES['.css']!,
    body: readFileSync(require.resolve('uplot/dist/uPlot.min.css')),
  });
  return files;
}
