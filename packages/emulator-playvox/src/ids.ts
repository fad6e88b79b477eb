import { SeededRandom } from '@voxbridge/emulator-kit';

/**
 * Makes Mongo-style ids: 24 lower-case hex characters = 8 of epoch seconds, 10 fixed per generator
 * (from the seed), 6 of a counter. Ids sort by creation like real ObjectIds, never repeat within a
 * generator, and the same seed and order give the same ids.
 */
export class IdGenerator {
  private readonly machine: string;
  private counter: number;

  constructor(seed: number | string) {
    const random = new SeededRandom(seed);
    this.machine = random.hex(10);
    this.counter = random.int(0, 0xfff);
  }

  /** A new id stamped with `epochMs`. */
  next(epochMs: number = Date.now()): string {
    this.counter = (this.counter + 1) % 0x1000000;
    const seconds = Math.floor(epochMs / 1000) >>> 0;
    return seconds.toString(16).padStart(8, '0') + this.machine + this.counter.toString(16).padStart(6, '0');
  }
}
