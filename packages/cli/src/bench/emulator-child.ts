/**
 * An emulator in a process of its own, for benchmarks that should not share a CPU with the client
 * they measure (as the real service would not). Usage: `node emulator-child.js playvox '<config json>'`;
 * prints one JSON line `{ "url": … }` once listening; SIGTERM stops it.
 */
import { startPlayvoxEmulator } from '@voxbridge/emulator-playvox';

const [name, configJson] = process.argv.slice(2);
if (name !== 'playvox')
  throw new Error(`emulator-child: unknown emulator "${name}" (only playvox is used by the benchmarks)`);
const emulator = await startPlayvoxEmulator({
  host: '127.0.0.1',
  port: 0,
  config: JSON.parse(configJson ?? '{}'),
});
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
process.once('SIGTERM', () => {
  void emulator.close().then(() => process.exit(0));
});
