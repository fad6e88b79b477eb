import type { Command } from 'commander';
import { type PortSpec, parsePortSpec } from '../emulator-ports.js';
import { EMULATOR_NAMES, type EmulatorName, startNamedEmulators } from '../emulators.js';
import { integerOption, numberOption } from '../options.js';
import { waitForShutdown } from '../signals.js';

/** `voxbridge emulate <name…>`: runs one or more emulators in the foreground until Ctrl-C. */
export function registerEmulate(program: Command): void {
  program
    .command('emulate')
    .description(`run emulators on loopback (${EMULATOR_NAMES.join(', ')})`)
    .argument('<names...>', `which emulators: ${EMULATOR_NAMES.join(', ')}`)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--port <port>',
      'a port per emulator, e.g. "playvox=4010,livevox=4020,gladly=4030" (Playvox WFM: playvox-wfm=, else the next after playvox); or one port, for the first emulator named (others take their defaults); 0 picks free ports',
      parsePortSpec,
    )
    .option('--seed <n>', 'seed of the simulated data', integerOption({ min: 0 }), 1)
    .option(
      '--speed <factor>',
      'simulated time per real time (LiveVox, Gladly)',
      numberOption({ above: 0, max: 100_000 }),
      1,
    )
    .option(
      '--traffic <spec>',
      'LiveVox/Gladly live traffic, e.g. "agents=20,callsPerMinute=30,smsPerMinute=5,emailsPerMinute=5"',
    )
    .addHelpText(
      'after',
      `
Examples:
  voxbridge emulate playvox livevox gladly --port playvox=4010,livevox=4020,gladly=4030
  voxbridge emulate livevox --port 5020 --traffic "agents=20,callsPerMinute=30"   one port: the first emulator named`,
    )
    .action(
      async (
        names: string[],
        options: { host: string; port?: PortSpec; seed: number; speed: number; traffic?: string },
      ) => {
        for (const name of names) {
          if (!EMULATOR_NAMES.includes(name as EmulatorName))
            throw new Error(`unknown emulator "${name}": use one of ${EMULATOR_NAMES.join(', ')}`);
        }
        const running = await startNamedEmulators(names as EmulatorName[], {
          host: options.host,
          port: options.port,
          seed: options.seed,
          speed: options.speed,
          traffic: options.traffic ? parseTraffic(options.traffic) : undefined,
        });
        for (const emulator of running) process.stdout.write(`${emulator.describe()}\n`);
        await waitForShutdown();
        await Promise.all(running.map((emulator) => emulator.close()));
      },
    );
}

/** Parses `agents=20,callsPerMinute=30` into numbers, naming the bad key on error. */
export function parseTraffic(spec: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [key, raw] = part.split('=');
    const value = Number(raw);
    if (!key || raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0)
      throw new Error(`--traffic: "${part}" must be key=non-negative number`);
    out[key.trim()] = value;
  }
  return out;
}
