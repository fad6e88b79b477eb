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
        const qaKey = PLAYVOX_DEFAULT_CREDENTIALS;
        started.push(handle('playvox', 'playvox QA emulator', qa, `uid ${qaKey.uid}, key ${qaKey.key}`));
        const wfm = await startPlayvoxWfmEmulator({
          host: options.host,
          port: portOf('playvox-wfm'),
          seed: options.seed,
        });
        const wfmKey = PLAYVOX_WFM_DEFAULT_CREDENTIALS;
        started.push(
          handle(
            'playvox-wfm',
            'playvox WFM emulator',
            wfm,
            `accessKeyId ${wfmKey.accessKeyId}, secret ${wfmKey.secret}`,
          ),
        );
      } else if (name === 'livevox') {
        const lv = await startLiveVoxEmulator({
          host: options.host,
          port: portOf('livevox'),
          seed: options.seed,
          speed: options.speed,
          traffic: options.traffic,
        });
        const c = LIVEVOX_DEFAULT_CREDENTIALS;
        const login = `access token ${c.accessToken}, clientName ${c.clientName}, userName ${c.userName}, password ${c.password}`;
        const idle = options.traffic ? '' : ' — idle: POST /_emulator/traffic to generate interactions';
        started.push(handle(name, 'livevox emulator', lv, login, idle));
      } else {
        const gl = await startGladlyEmulator({
          host: options.host,
          port: portOf('gladly'),
          seed: options.seed,
          speed: options.speed,
          traffic: options.traffic ? true : undefined,
        });
        const c = GLADLY_DEFAULT_CREDENTIALS;
        started.push(handle(name, 'gladly emulator', gl, `email ${c.email}, API token ${c.apiToken}`));
      }
    }
  } catch (error) {
    await Promise.all(started.map((emulator) => emulator.close()));
    throw error;
  }
  return started;
}

/**
 * The CLI's handle on a running emulator. `describe` lines up the URLs of every emulator, then says how
 * to sign in (`credentials`), then `note`.
 */
function handle(
  name: string,
  label: string,
  emulator: { url: string; close(): Promise<void> },
  credentials: string,
  note = '',
): CliEmulator {
  return {
    name,
    url: emulator.url,
    close: () => emulator.close(),
    describe: () => `${label.padEnd(20)} ${emulator.url}  (${credentials})${note}`,
  };
}
