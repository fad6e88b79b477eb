import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { LIVEVOX_DEFAULT_CREDENTIALS, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import {
  PLAYVOX_DEFAULT_CREDENTIALS,
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  startPlayvoxEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';
import { PORT_DEFAULTS, type PortName, type PortSpec, resolvePorts } from './emulator-ports.js';

/** Emulators the CLI can start. */
export const EMULATOR_NAMES = ['playvox', 'livevox', 'gladly'] as const;
/** One of {@link EMULATOR_NAMES}. */
export type EmulatorName = (typeof EMULATOR_NAMES)[number];

/** Default ports, so that a configuration file can name them. */
export const DEFAULT_PORTS = {
  playvox: PORT_DEFAULTS.playvox,
  playvoxWfm: PORT_DEFAULTS['playvox-wfm'],
  livevox: PORT_DEFAULTS.livevox,
  gladly: PORT_DEFAULTS.gladly,
} as const;

/** Options of {@link startNamedEmulators}. */
export interface StartEmulatorsOptions {
  host: string;
  /**
   * One port: the first named emulator's (the others use their defaults; 0 picks free ports for all).
   * Or a port per emulator (`{ playvox: 4010, livevox: 4020 }`): see `resolvePorts`.
   */
  port?: PortSpec;
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
  const ports = resolvePorts(names, options.port);
  const portOf = (name: PortName) => ports.get(name)!;
  const started: CliEmulator[] = [];
  try {
    for (const name of names) {
      if (name === 'playvox') {
        const qa = await startPlayvoxEmulator({
          host: options.host,
          port: portOf('playvox'),
          seed: options.seed,
        });
        started.push({
          name: 'playvox',
          url: qa.url,
          close: () => qa.close(),
          describe: () =>
            `playvox QA emulator  ${qa.url}  (uid ${PLAYVOX_DEFAULT_CREDENTIALS.uid}, key ${PLAYVOX_DEFAULT_CREDENTIALS.key})`,
        });
        const wfm = await startPlayvoxWfmEmulator({
          host: options.host,
          port: portOf('playvox-wfm'),
          seed: options.seed,
        });
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
          port: portOf('livevox'),
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
          port: portOf('gladly'),
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
