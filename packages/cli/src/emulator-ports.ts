import { InvalidArgumentError } from 'commander';

/**
 * Where `voxbridge emulate` places each emulator. `--port` takes one port (the first named emulator,
 * as it always did; the others keep their defaults) or a port per emulator (`playvox=4010,livevox=4020`).
 */

/** What `--port name=N` may name: the emulators, and the Playvox WFM emulator started beside Playvox QA. */
export const PORT_NAMES = ['playvox', 'playvox-wfm', 'livevox', 'gladly'] as const;
/** One of {@link PORT_NAMES}. */
export type PortName = (typeof PORT_NAMES)[number];

/** Each emulator's default port (`emulators.ts` gives them as `DEFAULT_PORTS` too). */
export const PORT_DEFAULTS: Record<PortName, number> = {
  playvox: 4010,
  'playvox-wfm': 4011,
  livevox: 4020,
  gladly: 4030,
};

/** `--port` as given: one port, or a port per emulator. */
export type PortSpec = number | Partial<Record<PortName, number>>;

const MAX_PORT = 65_535;

function portNumber(text: string, given: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(Number.isInteger(n) && n >= 0 && n <= MAX_PORT))
    throw new InvalidArgumentError(
      `${given.includes('=') ? `${JSON.stringify(given)}: ` : ''}a port must be an integer from 0 to ${MAX_PORT}, got ${JSON.stringify(text)}`,
    );
  return n;
}

/**
 * Parses `--port`: `4010` or `playvox=4010,livevox=4020`. An unknown emulator, a port that is not an
 * integer from 0 to 65535 and an emulator named twice fail (commander names the flag and the value).
 */
export function parsePortSpec(value: string): PortSpec {
  if (!value.includes('=')) return portNumber(value, value);
  const ports: Partial<Record<PortName, number>> = {};
  for (const part of value.split(',')) {
    const at = part.indexOf('=');
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    if (at < 0 || !(PORT_NAMES as readonly string[]).includes(name))
      throw new InvalidArgumentError(
        `${JSON.stringify(part)}: must be <emulator>=<port> with an emulator among ${PORT_NAMES.join(', ')}`,
      );
    if (ports[name as PortName] !== undefined)
      throw new InvalidArgumentError(`${name} is given a port twice`);
    ports[name as PortName] = portNumber(part.slice(at + 1), part);
  }
  return ports;
}

/**
 * The port of every emulator `names` starts (with `playvox-wfm` whenever `playvox` is named): a number
 * gives the first named emulator that port (and Playvox WFM the next when Playvox QA is first), 0 gives
 * every emulator a free port; a map places those it names, and Playvox WFM beside Playvox QA's port.
 * Throws an error naming `--port` when a named emulator is not started or two would share a port.
 */
export function resolvePorts(names: readonly string[], spec: PortSpec | undefined): Map<PortName, number> {
  const started = names.flatMap((n): PortName[] =>
    n === 'playvox' ? ['playvox', 'playvox-wfm'] : [n as PortName],
  );
  const given: Partial<Record<PortName, number>> =
    typeof spec === 'number'
      ? spec === 0
        ? Object.fromEntries(started.map((n) => [n, 0]))
        : { [started[0]!]: spec }
      : { ...spec };
  for (const name of Object.keys(given) as PortName[])
    if (!started.includes(name))
      throw new Error(
        `--port: ${name}=${given[name]} names an emulator that is not started (started: ${names.join(', ')})`,
      );
  const qa = given.playvox;
  if (given['playvox-wfm'] === undefined && qa !== undefined && started.includes('playvox-wfm'))
    given['playvox-wfm'] = qa === 0 ? 0 : qa + 1;
  const ports = new Map(started.map((name) => [name, given[name] ?? PORT_DEFAULTS[name]]));
  if ((ports.get('playvox-wfm') ?? 0) > MAX_PORT)
    throw new Error(
      `--port: playvox-wfm would take ${ports.get('playvox-wfm')} (playvox's port + 1): give it one with playvox-wfm=<port>`,
    );
  const owner = new Map<number, PortName>();
  for (const [name, port] of ports) {
    const other = owner.get(port);
    if (port !== 0 && other)
      throw new Error(`--port: ${other} and ${name} would both listen on port ${port}`);
    owner.set(port, name);
  }
  return ports;
}
