import { createHash } from 'node:crypto';
import { type BridgeConfig, playvoxClient } from '@voxbridge/bridge';
import { buildRoster } from '@voxbridge/emulator-kit';
import { startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import type { Emulators } from './e2e-helpers.js';

/** A Playvox interaction as an evaluator sees it: assignee, metadata and comments with attachments. */
export interface HeldInteraction {
  _id: string;
  interaction_id: string;
  assignee_id: string;
  metadata: Record<string, unknown>;
  comments: Array<{
    body: string;
    added_at: string;
    author_id: string;
    attachments?: Array<{ url: string; name: string; content_type: string; size: number }>;
  }>;
}

/**
 * Both emulators with one seed (one roster), recordings available `recordingDelayMs` after each call
 * ends (emulator clock, real time here) and Playvox files up to `maxFileBytes`.
 */
export async function startEvaluationEmulators(
  options: { recordingDelayMs?: number; maxFileBytes?: number } = {},
): Promise<Emulators> {
  const playvox = await startPlayvoxEmulator({
    port: 0,
    seed: 7,
    config: {
      jobs: { delayMs: 20 },
      ...(options.maxFileBytes ? { files: { maxBytes: options.maxFileBytes } } : {}),
    },
  } as never);
  const livevox = await startLiveVoxEmulator({
    port: 0,
    seed: 7,
    config: {
      feed: { waitMs: 200 },
      recordings: { delayMs: options.recordingDelayMs ?? 0, share: 0.9, maxSeconds: 2 },
    },
  } as never);
  return {
    livevox,
    playvox,
    close: async () => void (await Promise.all([livevox.close(), playvox.close()])),
  };
}

/**
 * LiveVox agent login → email for the emulators' shared roster of a seed (LiveVox itself names no
 * emails; `GET /_emulator/agents` gives the same once traffic has logged agents on).
 */
export function agentDirectory(seed = 7, size = 60): Record<string, string> {
  return Object.fromEntries(buildRoster(seed, size).map((p) => [p.loginId, p.email]));
}

/** Every interaction of the configuration's integration, with its comments. */
export async function heldInteractions(config: BridgeConfig): Promise<Map<string, HeldInteraction>> {
  const playvox = playvoxClient(config.playvox);
  const out = new Map<string, HeldInteraction>();
  for await (const integration of playvox.integrations.list({
    query: { name: config.playvox.integration.name },
  })) {
    for await (const interaction of playvox.interactions.list(integration._id, { perPage: 100 })) {
      const comments: HeldInteraction['comments'] = [];
      for await (const comment of playvox.comments.list(interaction._id))
        comments.push(comment as unknown as HeldInteraction['comments'][number]);
      out.set(String(interaction.interaction_id), {
        ...(interaction as unknown as HeldInteraction),
        comments,
      });
    }
  }
  return out;
}

/** The sha256 (hex) of what a URL serves. */
export async function sha256Of(url: string): Promise<{ sha256: string; bytes: number; type: string }> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  return {
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.length,
    type: res.headers.get('content-type') ?? '',
  };
}
