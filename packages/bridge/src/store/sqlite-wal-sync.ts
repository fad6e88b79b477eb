import { type FileHandle, open } from 'node:fs/promises';

/**
 * Makes the commits in a SQLite WAL durable by `fsync` of the WAL file, on libuv's thread pool rather
 * than inside a commit on the event loop.
 *
 * With `journal_mode = WAL` and `synchronous = NORMAL` a commit has written its frames to the WAL file
 * but not synced it; `synchronous = FULL` would sync it inside the commit (about 3 ms here, during which
 * the whole process waits: the feed, assembly and every request in flight). Syncing the file ourselves
 * afterwards gives the same guarantee — every frame written so far, this commit's and every earlier one,
 * is on disk — and a checkpoint in between does not break it: at `synchronous = NORMAL` SQLite syncs the
 * WAL before it copies frames into the database and syncs the database after, before it reuses the WAL.
 */
export class WalSync {
  private handle: Promise<FileHandle> | undefined;

  /** @param walPath the database file's path with `-wal` appended */
  constructor(private readonly walPath: string) {}

  /** Resolves once every commit made so far is on disk. */
  async flush(): Promise<void> {
    this.handle ??= open(this.walPath, 'r');
    let file: FileHandle;
    try {
      file = await this.handle;
    } catch (error) {
      this.handle = undefined;
      throw error;
    }
    await file.sync();
  }

  /** Closes the file handle (the database connection closes on its own). */
  async close(): Promise<void> {
    const file = await this.handle?.catch(() => undefined);
    this.handle = undefined;
    await file?.close();
  }
}
