/** Files stored by `POST files`, served back at their hosted URL. */

/** A stored file. */
export interface StoredFile {
  _id: string;
  name: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

/** The files the emulator hosts, by `_id`. */
export class FileStore {
  private byId = new Map<string, StoredFile>();

  /** Stores a file. */
  add(file: StoredFile): void {
    this.byId.set(file._id, file);
  }

  /** A file by `_id`. */
  get(id: string): StoredFile | undefined {
    return this.byId.get(id);
  }

  /** How many files are stored. */
  get count(): number {
    return this.byId.size;
  }

  /** Bytes of every stored file together. */
  get bytes(): number {
    let total = 0;
    for (const file of this.byId.values()) total += file.size;
    return total;
  }

  /** Forgets every file. */
  clear(): void {
    this.byId = new Map();
  }
}
