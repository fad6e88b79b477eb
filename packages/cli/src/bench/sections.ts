import { benchBridge } from './bridge.js';
import { benchLiveVox } from './livevox.js';
import { benchPlayvox } from './playvox.js';
import type { BenchSection } from './types.js';
import { benchWorkers } from './workers.js';

/** Every benchmark section, in the order `voxbridge bench` runs them. */
export const BENCH_SECTIONS: Record<string, BenchSection> = {
  playvox: benchPlayvox,
  livevox: benchLiveVox,
  bridge: benchBridge,
  workers: benchWorkers,
};
