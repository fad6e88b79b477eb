import { benchBridge } from './bridge.js';
import { benchEmulators } from './emulators.js';
import { benchIdle } from './idle.js';
import { benchLiveVox } from './livevox.js';
import { benchPlayvox } from './playvox.js';
import { benchStart } from './start.js';
import type { BenchSection } from './types.js';
import { withUnits } from './units.js';
import { benchWorkers } from './workers.js';

/** Every benchmark section, in the order `voxbridge bench` runs them; each figure carries its unit. */
export const BENCH_SECTIONS: Record<string, BenchSection> = {
  playvox: withUnits(benchPlayvox),
  livevox: withUnits(benchLiveVox),
  bridge: withUnits(benchBridge),
  emulators: withUnits(benchEmulators),
  workers: withUnits(benchWorkers),
  idle: withUnits(benchIdle),
  start: withUnits(benchStart),
};
