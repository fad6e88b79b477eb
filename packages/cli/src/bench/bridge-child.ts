/**
 * The bridge as a child process for the benchmark, so that its memory figure is its own. Reads a
 * configuration file, starts the QA pipeline, and prints one JSON line `{ "url": … }` once the feed
 * is positioned. SIGTERM stops it cleanly.
 */
import { createLogger, loadConfigFile, startQaBridge } from '@voxbridge/bridge';

const bridge = await startQaBridge(loadConfigFile(process.argv[2]!), {
  logger: createLogger({ level: 'warn', destination: process.stderr }),
});
await bridge.pipeline.waitUntilPositioned();
process.stdout.write(`${JSON.stringify({ url: bridge.url })}\n`);
process.once('SIGTERM', () => {
  void bridge.stop().then(() => process.exit(0));
});
