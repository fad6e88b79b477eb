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
        const qaKey = PLAYVOX_DEFAULT_CREDENTIALS;
        started.push(handle('playvox', 'playvox QA emulator', qa, `uid ${qaKey.uid}, key ${qaKey.key}`));
        const wfmPort =
          options.port === 0
            ? 0
            : index === 0 && options.port !== undefined
              ? options.port + 1
              : DEFAULT_PORTS.playvoxWfm;
        const wfm = await startPlayvoxWfmEmulator({ host: options.host, port: wfmPort, seed: options.seed });
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
          port: portFor(index, DEFAULT_PORTS.livevox),
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
          port: portFor(index, DEFAULT_PORTS.gladly),
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
