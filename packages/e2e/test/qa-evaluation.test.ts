import { playvoxClient, playvoxInteractionId } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import {
  type ExtraField,
  e2eConfig,
  generateTraffic,
  sharedEmulators,
  startQuietBridge,
  waitFor,
  withFields,
} from './e2e-helpers.js';
import { waitForBridgeDone } from './e2e-truth.js';
import {
  agentDirectory,
  heldInteractions,
  sha256Of,
  startEvaluationEmulators,
} from './qa-evaluation-helpers.js';

type Emulators = Awaited<ReturnType<typeof startEvaluationEmulators>>;

/** Fields an evaluator filters and reads, beside the base configuration's. */
const EXTRA: ExtraField[] = [
  { field: 'call_end', type: 'datetime', from: 'endAt' },
  { field: 'service_name', type: 'string', from: 'serviceName' },
  { field: 'wrap_seconds', type: 'integer', from: 'wrapSeconds' },
  { field: 'term_code', type: 'string', from: 'termCodeDescription' },
  { field: 'recording_url', type: 'string', from: 'recordingUrl' },
  { field: 'phone', type: 'string', from: 'phoneDialed' },
];

async function evaluationConfig(emulators: Emulators, overrides: Record<string, unknown> = {}) {
  const { playvox, mapping } = withFields(e2eConfig(emulators), EXTRA);
  return e2eConfig(emulators, {
    playvox: { ...playvox, integration: { name: `Evaluation ${Math.random().toString(36).slice(2)}` } },
    mapping: {
      ...mapping,
      assignee: {
        mode: 'lookup',
        fallback: 'unassigned@example.com',
        lookup: {
          by: 'email',
          directory: agentDirectory(),
          waitMs: 1500,
          missRefreshMs: 200,
        },
      },
    },
    recordings: { mode: 'upload', waitMs: 3000, retryBaseMs: 100, retryMaxMs: 500 },
    ...overrides,
  });
}

function voiceId(i: { sessionId: string; transactionId: string | number }): string {
  return playvoxInteractionId({
    type: 'VOICE',
    sessionId: i.sessionId,
    transactionId: String(i.transactionId),
  });
}

describe('evaluation-ready interactions: recordings uploaded, the right agent, complete call data', () => {
  const emulators = sharedEmulators(startEvaluationEmulators);

  it('uploads each recording byte for byte, assigns the Playvox user, dead-letters agents without one until dlq retry', async () => {
    const config = await evaluationConfig(emulators);
    const bridge = await startQuietBridge(config);
    await generateTraffic(emulators.livevox.url, { agents: 8, calls: 60, sms: 5, emails: 5, seed: 21 });
    const truth = emulators.livevox.truth().interactions ?? [];
    const voice = truth.filter((i) => i.type.toUpperCase() === 'VOICE');
    const withAgent = voice.filter((i) => i.agentLoginId);
    const directory = config.mapping.assignee.lookup.directory;
    const users = await playvoxClient(config.playvox).users.logins('email');
    const unmatched = withAgent.filter((i) => !users.has(String(directory[i.agentLoginId!]).toLowerCase()));
    expect(unmatched.length).toBeGreaterThan(0); // roster people 3 and 7 have no Playvox user
    await waitForBridgeDone(bridge, truth.length, 60_000, {
      deadLetters: true,
      describe: async () =>
        JSON.stringify({ counts: await bridge.store.counts(), p: bridge.pipeline.progress }),
    });
    const letters = await bridge.store.listDeadLetters();
    expect(letters).toHaveLength(unmatched.length);
    for (const letter of letters) expect(letter.reason).toMatch(/^agent [A-Z0-9]+ has no Playvox user$/);
    const held = await heldInteractions(config);
    let uploads = 0;
    for (const call of withAgent) {
      const interaction = held.get(voiceId(call));
      if (unmatched.includes(call)) {
        expect(interaction).toBeUndefined();
        continue;
      }
      expect(interaction?.assignee_id).toBe(call.agentEmail);
      expect(interaction?.metadata.call_end).toBe(new Date(call.end!).toISOString());
      expect(interaction?.metadata.service_name).toEqual(expect.any(String));
      expect(String(interaction?.metadata.phone)).toMatch(/^\*+.{4}$/); // masked by default
      const recorded = interaction!.comments.filter((c) => c.attachments?.length);
      if (!call.recording) {
        expect(recorded).toHaveLength(0);
        continue;
      }
      expect(recorded).toHaveLength(1);
      const [file] = recorded[0]!.attachments!;
      expect(recorded[0]!.added_at.slice(0, 19)).toBe(new Date(call.end!).toISOString().slice(0, 19));
      expect(interaction!.metadata.recording_url).toBe(file!.url);
      expect(file!.url.startsWith(emulators.playvox.url)).toBe(true);
      const served = await sha256Of(file!.url);
      expect(served).toEqual({
        sha256: call.recording.sha256,
        bytes: call.recording.bytes,
        type: 'audio/wav',
      });
      uploads += 1;
    }
    expect(uploads).toBeGreaterThan(10);
    // The missing users are created in Playvox; `voxbridge dlq retry` (retryDeadLetter) delivers them.
    const playvox = playvoxClient(config.playvox);
    const created = new Set<string>();
    for (const call of unmatched) {
      const email = directory[call.agentLoginId!]!;
      if (created.has(email)) continue;
      const [first, last] = String(call.agentName ?? 'Agent Missing').split(' ');
      await playvox.users.create({
        firstName: first ?? 'Agent',
        lastName: last ?? 'Missing',
        username: email.split('@')[0]!,
        email,
        password: 'Evaluator-2026x',
      });
      created.add(email);
    }
    for (const letter of letters) expect(await bridge.store.retryDeadLetter(letter.id)).toBe(true);
    await waitFor(
      async () => (await bridge.store.counts()).interactions.delivered >= truth.length,
      30_000,
      async () =>
        JSON.stringify({ counts: await bridge.store.counts(), dead: await bridge.store.listDeadLetters(2) }),
    );
    await bridge.stop();
    const after = await heldInteractions(config);
    for (const call of unmatched) expect(after.get(voiceId(call))?.assignee_id).toBe(call.agentEmail);
    expect(after.size).toBe(truth.length);
  }, 120_000);
});

describe('recordings linked: link mode and files over the upload limit', () => {
  const emulators = sharedEmulators(startEvaluationEmulators);

  it('attaches LiveVox URLs in link mode, and in upload mode over the bridge limit or Playvox limit (413)', async () => {
    // Recordings are 32,044 bytes (2 seconds): over the bridge's limit of 20,000 bytes, then over
    // Playvox's (413, the emulator's limit lowered to 20,000 bytes).
    const cases = [
      { mode: 'link', limit: 10_485_760, playvoxLimit: 10_485_760, note: undefined },
      { mode: 'upload', limit: 20_000, playvoxLimit: 10_485_760, note: 'over 20000, linked' },
      { mode: 'upload', limit: 10_485_760, playvoxLimit: 20_000, note: 'Playvox refused the upload' },
    ] as const;
    for (const [n, { mode, limit, playvoxLimit, note }] of cases.entries()) {
      emulators.playvox.configure({ files: { maxBytes: playvoxLimit } } as never);
      const config = await evaluationConfig(emulators, {
        recordings: { mode, waitMs: 3000, retryBaseMs: 100, retryMaxMs: 500, maxUploadBytes: limit },
      });
      const bridge = await startQuietBridge(config);
      const before = (emulators.livevox.truth().interactions ?? []).length;
      await generateTraffic(emulators.livevox.url, { agents: 6, calls: 30, seed: 31 + n });
      const truth = (emulators.livevox.truth().interactions ?? []).slice(before);
      await waitForBridgeDone(bridge, truth.length, 60_000, { deadLetters: true });
      await bridge.stop();
      const held = await heldInteractions(config);
      let linked = 0;
      for (const call of truth) {
        const interaction = held.get(voiceId(call));
        if (!call.recording || !interaction) continue;
        expect(call.recording.bytes).toBe(32_044);
        const [comment] = interaction.comments.filter((c) => c.attachments?.length);
        const file = comment!.attachments![0]!;
        const link = `${emulators.livevox.url}/compliance/recording/${call.recording.id}`;
        expect(file).toEqual({
          url: link,
          name: `${call.recording.id}.wav`,
          content_type: 'audio/wav',
          size: 32_044,
        });
        expect(comment!.body).toContain(link);
        if (note) expect(comment!.body).toContain(note);
        linked += 1;
      }
      expect(linked).toBeGreaterThan(5);
    }
    emulators.playvox.configure({ files: { maxBytes: 10_485_760 } } as never);
  }, 120_000);
});

describe('a recording that is not there yet', () => {
  // Available 90 minutes (emulator clock) after each call ends: every backlog call (the last hour) waits.
  const emulators = sharedEmulators(() => startEvaluationEmulators({ recordingDelayMs: 90 * 60_000 }));

  it('is looked for again with backoff, never dead-lettered on a 404, and attached once it appears', async () => {
    const config = await evaluationConfig(emulators, {
      recordings: { mode: 'upload', waitMs: 60_000, retryBaseMs: 100, retryMaxMs: 400 },
    });
    const bridge = await startQuietBridge(config);
    await generateTraffic(emulators.livevox.url, { agents: 6, calls: 20, seed: 41 });
    const truth = emulators.livevox.truth().interactions ?? [];
    // Calls of agents with a Playvox user (the others are dead-lettered by the lookup, as tested above).
    const users = await playvoxClient(config.playvox).users.logins('email');
    const recorded = truth.filter((i) => i.recording && users.has(String(i.agentEmail)));
    expect(recorded.length).toBeGreaterThan(3);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Still waiting: nothing with a recording delivered, none of them dead.
    const waiting = (await bridge.store.counts()).interactions.ready;
    expect(waiting).toBeGreaterThanOrEqual(recorded.length);
    const early = await heldInteractions(config);
    for (const call of recorded) expect(early.has(voiceId(call))).toBe(false);
    const clock = await fetch(`${emulators.livevox.url}/_emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 91 * 60_000 }),
    });
    expect(clock.status).toBe(200);
    await waitFor(
      async () => {
        const held = await heldInteractions(config);
        return recorded.every((call) => held.get(voiceId(call))?.comments.some((c) => c.attachments?.length));
      },
      30_000,
      async () => JSON.stringify(await bridge.store.counts()),
    );
    const letters = await bridge.store.listDeadLetters();
    for (const letter of letters) expect(letter.reason).toMatch(/has no Playvox user$/);
    await bridge.stop();
    const held = await heldInteractions(config);
    for (const call of recorded) {
      const [file] = held.get(voiceId(call))!.comments.flatMap((c) => c.attachments ?? []);
      expect((await sha256Of(file!.url)).sha256).toBe(call.recording!.sha256);
    }
  }, 90_000);
});
