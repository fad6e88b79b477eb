/** The typed arrays a {@link Column} can be made of. */
export type NumericArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A constructor of one of the {@link NumericArray} types. */
export type NumericArrayConstructor = new (length: number) => NumericArray;

const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/**
 * A growable column of numbers stored in fixed-size typed-array chunks: a million rows cost a few
 * megabytes, and growing never copies what is already stored (no doubling spikes on a big backlog).
 */
export class Column {
  private chunks: NumericArray[] = [];

  /** `initial` is the value of rows that were never set (NaN for "unset" float columns). */
  constructor(
    private readonly make: NumericArrayConstructor,
    private readonly initial = 0,
  ) {}

  /** The value at row `index`. */
  get(index: number): number {
    const chunk = this.chunks[index >>> CHUNK_BITS];
    return chunk === undefined ? this.initial : (chunk[index & CHUNK_MASK] as number);
  }

  /** Sets row `index`, allocating chunks up to it. */
  set(index: number, value: number): void {
    const chunkIndex = index >>> CHUNK_BITS;
    while (this.chunks.length <= chunkIndex) {
      const chunk = new this.make(CHUNK_SIZE);
      if (this.initial !== 0) chunk.fill(this.initial);
      this.chunks.push(chunk);
    }
    (this.chunks[chunkIndex] as NumericArray)[index & CHUNK_MASK] = value;
  }

  /** Drops every row. */
  clear(): void {
    this.chunks = [];
  }
}
