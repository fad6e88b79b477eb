/**
 * The truth and the configuration of the connections e2e tests: the Playvox ids a connection must
 * deliver for what a LiveVox emulator generated, the Playvox emulator's own record, and one
 * `connections:` entry pointed at the emulators.
 */
import { type InteractionIdentity, playvoxInteractionId } from '@voxbridge/bridge';
import { LIVEVOX_DEFAULT_CREDENTIALS, type LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { PLAYVOX_DEFAULT_CREDENTIALS, type PlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { baseConfig } from '../../bridge/test/helpers.js';

/** The Playvox emulator's ground truth, from its `/_emulator/truth` route. */
export async function playvoxTruth(playvox: PlayvoxEmulator) {
  const res = await fetch(`${playvox.url}/_emulator/truth`);
  return (await res.json()) as {
    integrations: Array<{ name: string; interactions: number }>;
    interactions: { total: number; duplicates: string[] };
  };
}

/** The ids a connection must deliver for what a LiveVox emulator generated (`types`: those it sends). */
export function idsOf(
  livevox: LiveVoxEmulator,
  connection: string,
  types = ['VOICE', 'SMS', 'EMAIL'],
): string[] {
  return (livevox.truth().interactions ?? [])
    .map(
      (i): InteractionIdentity => ({
        type: i.type.toUpperCase() as InteractionIdentity['type'],
        sessionId: i.sessionId,
        transactionId: i.type.toUpperCase() === 'VOICE' ? String(i.transactionId) : undefined,
      }),
    )
    .filter((identity) => types.includes(identity.type))
    .map((identity) => playvoxInteractionId(identity, connection));
}

/** One `connections:` entry pointed at a LiveVox emulator and the Playvox emulator (`playvox`: overrides). */
export function connectionEntry(
  name: string,
  livevoxUrl: string,
  playvoxUrl: string,
  playvox: Record<string, unknown> = {},
) {
  const raw = baseConfig();
  const mapping = raw.mapping as { fields: Array<{ field: string; from: string }> };
  return {
    name,
    livevox: { baseUrl: livevoxUrl, ...LIVEVOX_DEFAULT_CREDENTIALS },
    playvox: {
      ...(raw.playvox as object),
      baseUrl: playvoxUrl,
      ...PLAYVOX_DEFAULT_CREDENTIALS,
      integration: { name: `LiveVox ${name}` },
      ...playvox,
    },
    mapping: {
      ...mapping,
      fields: mapping.fields.map((f) => (f.from === 'timestamp' ? { ...f, from: 'start|timestamp' } : f)),
    },
    recordings: { mode: 'off' },
  };
}
