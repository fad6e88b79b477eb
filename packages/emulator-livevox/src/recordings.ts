import { createHash } from 'node:crypto';
import { SeededRandom } from '@voxbridge/emulator-kit';
import { InteractionType } from './model.js';
import type { SimulationState } from './state.js';

/**
 * Call recordings: most agent-handled voice calls get a small deterministic WAV (8 kHz mono 16-bit PCM, a
 * tone whose pitch follows the call), as long as the talk time and capped at `recordings.maxSeconds`. A
 * recording is built when served, never stored; it is available `recordings.delayMs` after the call ends.
 */

/** The media type of every recording. */
export const RECORDING_CONTENT_TYPE = 'audio/wav';
const SAMPLE_RATE = 8000;
const HEADER_BYTES = 44;
const SINE = Int16Array.from({ length: SAMPLE_RATE }, (_, i) =>
  Math.round(8000 * Math.sin((2 * Math.PI * i) / SAMPLE_RATE)),
);

/** What the truth and the reports say about one recording. */
export interface RecordingInfo {
  id: string;
  bytes: number;
  contentType: string;
  /** Emulator time from which it can be downloaded. */
  availableAt: number;
}

/** The recording id of a call row (`REC-<transactionId>`). */
export function recordingIdOf(state: SimulationState, row: number): string {
  return `REC-${state.interactions.transactionId(row)}`;
}

/** The call row of a recording id, or undefined when it names none. */
export function rowOfRecording(state: SimulationState, id: string): number | undefined {
  const match = /^REC-(\d+)$/.exec(id);
  if (!match) return undefined;
  const row = Number(match[1]) - state.interactions.transactionId(0);
  return Number.isInteger(row) && row >= 0 && row < state.interactions.length ? row : undefined;
}

/** The recording of a call row, or undefined when it has none (not agent-handled, not ended, or drawn without). */
export function recordingOf(state: SimulationState, row: number): RecordingInfo | undefined {
  const table = state.interactions;
  if (table.typeOf(row) !== InteractionType.Voice) return undefined;
  const answer = table.answerOf(row);
  const end = table.endOf(row);
  if (table.agentOf(row) < 0 || Number.isNaN(answer) || Number.isNaN(end)) return undefined;
  const { share, delayMs, maxSeconds } = state.config.recordings;
  // A draw of its own per call, so the share does not disturb the simulation's random sequence.
  if (new SeededRandom(`${state.seed}:recording:${row}`).next() >= share) return undefined;
  const seconds = Math.max(1, Math.min(maxSeconds, Math.round((end - answer) / 1000)));
  return {
    id: recordingIdOf(state, row),
    bytes: HEADER_BYTES + seconds * SAMPLE_RATE * 2,
    contentType: RECORDING_CONTENT_TYPE,
    availableAt: end + delayMs,
  };
}

/** The WAV file of a recording: a RIFF header and a tone at a pitch derived from the call. */
export function recordingBytes(state: SimulationState, row: number, info: RecordingInfo): Buffer {
  const dataBytes = info.bytes - HEADER_BYTES;
  const wav = Buffer.alloc(info.bytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(info.bytes - 8, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  // An integer pitch repeats every second: draw one second, then copy it (fast for the truth's hashes).
  const pitch = 220 + (state.interactions.saltOf(row) % 440);
  const second = Buffer.alloc(SAMPLE_RATE * 2);
  for (let i = 0; i < SAMPLE_RATE; i++) second.writeInt16LE(SINE[(pitch * i) % SAMPLE_RATE] as number, i * 2);
  for (let at = HEADER_BYTES; at < info.bytes; at += second.length) second.copy(wav, at);
  return wav;
}

const digests = new WeakMap<SimulationState, Map<string, string>>();

/** The SHA-256 (hex) of a recording's bytes, cached per call. */
export function recordingSha256(state: SimulationState, row: number, info: RecordingInfo): string {
  let cache = digests.get(state);
  if (!cache) {
    cache = new Map();
    digests.set(state, cache);
  }
  const key = `${row}:${state.interactions.saltOf(row)}:${info.bytes}`;
  let digest = cache.get(key);
  if (!digest) {
    digest = createHash('sha256')
      .update(recordingBytes(state, row, info))
      .digest('hex');
    cache.set(key, digest);
  }
  return digest;
}
