import type { BridgeConfig } from '@voxbridge/bridge';
import { demoConfig } from '../demo/config.js';

/** What a benchmark varies in the demo's configuration. */
export interface BenchConfigOptions {
  transport?: 'longpoll' | 'sse';
  /** One Context Data read per call (default true). */
  contextData?: boolean;
  /** Playvox's request budget (default: the demo's; 0 is no limit). */
  requestsPerMinute?: number;
}

/**
 * The bridge configuration every delivery benchmark measures: the demo's, pointed at the given emulators,
 * with delivery alone — no recording waits and no Playvox user lookups (the demo has both, and its
 * roster leaves some agents without a user on purpose, which would never drain) — and 8 bulk requests
 * in flight. Written to a file for a bridge child process.
 */
export function benchBridgeConfig(
  urls: { livevox: string; playvox: string },
  storePath: string,
  options: BenchConfigOptions = {},
): BridgeConfig {
  const config = demoConfig(urls, storePath, options.transport ?? 'longpoll');
  return {
    ...config,
    livevox: {
      ...config.livevox,
      enrich: { ...config.livevox.enrich, contextData: options.contextData ?? true },
    },
    playvox: {
      ...config.playvox,
      ...(options.requestsPerMinute !== undefined ? { requestsPerMinute: options.requestsPerMinute } : {}),
    },
    delivery: { ...config.delivery, concurrency: 8 },
    recordings: { ...config.recordings, mode: 'off' },
    mapping: { ...config.mapping, assignee: { ...config.mapping.assignee, mode: 'login' } },
  };
}
