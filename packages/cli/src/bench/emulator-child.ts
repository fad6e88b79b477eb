/**
 * An emulator in a process of its own, for benchmarks that should not share a CPU with the client
 * they measure (as the real service would not), and whose CPU time is then its own. Usage:
 * `node emulator-child.js playvox|livevox '<options json>'`; prints one JSON line `{ "url": … }` once
 * listening; SIGTERM stops it. For Playvox the JSON is its configuration; LiveVox takes `{ seed, speed, config }`.
 */
import { startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { startPlayvoxEmulator } from '@voxbridge/emulator-playvox';

const [name, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson ?? '{}') as { config?: object; seed?: number; speed?: number };
let emulator: { url: string; close(): Promise<void> };
if (name === 'playvox')
  emulator = await startPlayvoxEmulator({ host: '127.0.0.1', port: 0, config: options as never });
else if (name === 'livevox')
  emulator = await startLiveVoxEmulator({
    host: '127.0.0.1',
    port: 0,
    seed: options.seed,
    speed: options.speed,
    config: options.config as never,
  });
else throw new Error(`emulator-child: unknown emulator "${name}" (use playvox or livevox)`);
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
process.once('SIGTERM', () => {
  void emulator.close().then(() => process.exit(0));
});
