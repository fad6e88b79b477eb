import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { LIVEVOX_DEFAULT_CREDENTIALS, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import {
  PLAYVOX_DEFAULT_CREDENTIALS,
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  startPlayvoxEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';

/** Emulators the CLI can start. */
export const EMULATOR_NAMES = ['playvox', 'livevox', 'gladly'] as const;
/** One of {@link EMULATOR_NAMES}. */
export type EmulatorName = (typeof EMULATOR_NAMES)[number];

/** Default ports, so that a configuration file can name them. */
export const DEFAULT_PORTS = { playvox: 4010, playvoxWfm: 4011, livevox: 4020, gladly: 4030 } as const;

/** Options of {@link startNamedEmulators}. */
export interface StartEmulatorsOptions {
  host: string;
  /** Port of the first named emulator; the others use their defaults. 0 picks free ports for all. */
  port?: number;
  seed: number;
  speed: number;
  traffic?: Record<string, number>;
}

/** A started emulator as the CLI sees it. */
export interface CliEmulator {
  name: string;
  url: string;
  describe(): string;
  close(): Promise<void>;
}

/** Starts the named emulators on loopback (by default) and returns handles to them. */
export async function startNamedEmulators(
  names: EmulatorName[],
  options: StartEmulatorsOptions,
): Promise<CliEmulator[]> {
  const started: CliEmulator[] = [];
  const portFor = (index: number, fallback: number) =>
    options.port === 0 ? 0 : index === 0 && options.port !== undefined ? options.port : fallback;
  try {
    for (const [index, name] of names.entries()) {
      if (name === 'playvox') {
        const qa = await startPlayvoxEmulator({
          host: options.host,
          port: portFor(index, DEFAULT_PORTS.playvox),
          seed: options.seed,
        });
        started.push({
          name: 'playvox',
          url: qa.url,
          close: () => qa.close(),
          describe: () =>
            `playvox QA emulator  ${qa.url}  (uid ${PLAYVOX_DEFAULT_CREDENTIALS.uid}, key ${PLAYVOX_DEFAULT_CREDENTIALS.key})`,
        });
        const wfmPort =
          options.port === 0
            ? 0
            : index === 0 && options.port !== undefined
              ? options.port + 1
              : DEFAULT_PORTS.playvoxWfm;
        const wfm = await startPlayvoxWfmEmulator({ host: options.host, port: wfmPort, seed: options.seed });
        started.push({
          name: 'playvox-wfm',
          url: wfm.url,
          close: () => wfm.close(),
          describe: () =>
            `playvox WFM emulator ${wfm.url}  (accessKeyId ${PLAYVOX_WFM_DEFAULT_CREDENTIALS.accessKeyId}, secret ${PLAYVOX_WFM_DEFAULT_CREDENTIALS.secret})`,
        });
      } else if (name === 'livevox') {
        const lv = await startLiveVoxEmulator({
          host: options.host,
          port: portFor(index, DEFAULT_PORTS.livevox),
          seed: options.seed,
          speed: options.speed,
          traffic: options.traffic,
        });
        const c = LIVEVOX_DEFAULT_CREDENTIALS;
        started.push({
          name,
          url: lv.url,
          close: () => lv.close(),
          describe: () =>
            `livevox emulator     ${lv.url}  (access token ${c.accessToken}, clientName ${c.clientName}, userName ${c.userName}, password ${c.password})${options.traffic ? '' : ' — idle: POST /_emulator/traffic to generate interactions'}`,
        });
      } else {
        const gl = await startGladlyEmulator({
          host: options.host,
          port: portFor(index, DEFAULT_PORTS.gladly),
          seed: options.seed,
          speed: options.speed,
          traffic: options.traffic ? true : undefined,
        });
        const c = GLADLY_DEFAULT_CREDENTIALS;
        started.push({
          name,
          url: gl.url,
          close: () => gl.close(),
          describe: () => `gladly emulator      ${gl.url}  (email ${c.email}, API token ${c.apiToken})`,
        });
      }
    }
  } catch (error) {
    await Promise.all(started.map((emulator) => emulator.close()));
    throw error;
  }
  return started;
}
