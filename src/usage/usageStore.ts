import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MAX_USAGE_FILE_BYTES } from '../util/limits';
import { emptyUsage, localDay, parseUsage, pruneUsage, UsageFileError, type UsageData } from './usageLedger';

/** Where usage is kept: a file shared by every process (CLI runs, VS Code windows), or memory. */
export interface UsageStore {
  /** Where the usage is kept, as the user is told (a path, or "memory"). */
  readonly location: string;
  /** The data as last read or written; re-read when another process changed the file. Budget checks read this. */
  snapshot(): UsageData;
  /** Applies `change` to the freshest data and keeps the result; changes never overwrite another process's counts. */
  update<T>(change: (data: UsageData) => T): Promise<T>;
  /** Resolves once every update begun so far is written. */
  flush(): Promise<void>;
}

export class MemoryUsageStore implements UsageStore {
  readonly location = 'memory';
  private data = emptyUsage();
  constructor(private readonly now: () => number = Date.now) {}
  snapshot(): UsageData {
    return this.data;
  }
  async update<T>(change: (data: UsageData) => T): Promise<T> {
    const result = change(this.data);
    pruneUsage(this.data, localDay(this.now()));
    return result;
  }
  async flush(): Promise<void> {}
}

/** A lock older than this belongs to a process that died holding it (a holder keeps it for milliseconds). */
const STALE_LOCK_MS = 10_000;
/** Longer than STALE_LOCK_MS, so a dead holder's lock is always broken before a waiter gives up. */
const LOCK_WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface UsageFileOptions {
  now?: () => number;
  /** Said once when the file could not be read: it is set aside and counting starts afresh. */
  onProblem?: (message: string) => void;
}

/**
 * usage.json with atomic writes (a temporary file renamed over it) and a lock file around every read-change-write,
 * so concurrent CLI runs and VS Code windows each add their own counts and none is lost. A file that cannot be
 * read (not JSON, not ours, too large) is renamed `usage.json.corrupt-<time>`, never deleted, and counting
 * starts afresh; nothing else is touched.
 */
export class UsageFileStore implements UsageStore {
  readonly location: string;
  private data: UsageData = emptyUsage();
  /** mtime and size of the file as last read or written, to notice another process's writes. */
  private seen = '';
  private pending: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    readonly file: string,
    private readonly options: UsageFileOptions = {},
  ) {
    this.location = file;
    this.now = options.now ?? Date.now;
    this.readSync();
  }

  snapshot(): UsageData {
    if (this.stamp() !== this.seen) this.readSync();
    return this.data;
  }

  update<T>(change: (data: UsageData) => T): Promise<T> {
    const run = this.pending.then(() => this.locked(change));
    this.pending = run.catch(() => undefined);
    return run;
  }

  async flush(): Promise<void> {
    await this.pending;
  }

  private stamp(): string {
    try {
      const stat = fs.statSync(this.file);
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return 'missing';
    }
  }

  private readSync(): void {
    this.seen = this.stamp();
    this.data = this.parsed(() => {
      if (fs.statSync(this.file).size > MAX_USAGE_FILE_BYTES)
        throw new UsageFileError(`it is larger than ${MAX_USAGE_FILE_BYTES} bytes`);
      return fs.readFileSync(this.file, 'utf8');
    });
  }

  /** The file's data; missing = empty; unreadable = set aside (said once) and empty. */
  private parsed(read: () => string): UsageData {
    let text: string;
    try {
      text = read();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyUsage();
      if (!(error instanceof UsageFileError)) throw error;
      return this.setAside(error.message);
    }
    try {
      return parseUsage(text);
    } catch (error) {
      if (!(error instanceof UsageFileError)) throw error;
      return this.setAside(error.message);
    }
  }

  private setAside(reason: string): UsageData {
    const aside = `${this.file}.corrupt-${this.now()}`;
    try {
      fs.renameSync(this.file, aside);
      this.options.onProblem?.(
        `The usage file ${this.file} could not be read (${reason}); it was kept as ${aside} and usage is counted afresh from now.`,
      );
    } catch (error) {
      this.options.onProblem?.(
        `The usage file ${this.file} could not be read (${reason}) nor set aside (${(error as Error).message}); usage is counted afresh from now.`,
      );
    }
    return emptyUsage();
  }

  private async locked<T>(change: (data: UsageData) => T): Promise<T> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const release = await this.lock();
    try {
      const data = this.parsed(() => {
        if (fs.existsSync(this.file) && fs.statSync(this.file).size > MAX_USAGE_FILE_BYTES)
          throw new UsageFileError(`it is larger than ${MAX_USAGE_FILE_BYTES} bytes`);
        return fs.readFileSync(this.file, 'utf8');
      });
      const result = change(data);
      pruneUsage(data, localDay(this.now()));
      const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await fs.promises.writeFile(temporary, JSON.stringify(data), { mode: 0o600 });
      await fs.promises.rename(temporary, this.file);
      this.data = data;
      this.seen = this.stamp();
      return result;
    } finally {
      await release();
    }
  }

  /** Takes `<file>.lock` (created exclusively); breaks it when its holder has left it for over STALE_LOCK_MS. */
  private async lock(): Promise<() => Promise<void>> {
    const lockFile = `${this.file}.lock`;
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await fs.promises.open(lockFile, 'wx', 0o600);
        await handle.writeFile(String(process.pid));
        await handle.close();
        return () => fs.promises.unlink(lockFile).catch(() => undefined);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const age = await fs.promises.stat(lockFile).then(
        (stat) => Date.now() - stat.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) {
        await fs.promises.unlink(lockFile).catch(() => undefined);
        continue;
      }
      if (Date.now() > giveUpAt)
        throw new Error(
          `${lockFile} has been held by another process for over ${LOCK_WAIT_MS / 1000} s; usage of this request was not saved`,
        );
      await sleep(5 + Math.random() * 20);
    }
  }
}
