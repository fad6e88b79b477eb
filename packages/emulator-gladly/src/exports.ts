import {
  AGENT_STATUS_EXPORT_ENTITIES,
  AGENT_STATUS_EXPORT_FILE,
  AGENTS_EXPORT_FILE,
  EXPORT_RETENTION_MS,
  type ExportJob,
} from '@voxbridge/gladly/wire';
import type { EventLog } from './event-log.js';
import { type Agent, type GladlyEvent, iso } from './model.js';
import { IdFactory } from './organization.js';

const HOUR = 3_600_000;
const ENTITIES: ReadonlySet<string> = new Set(AGENT_STATUS_EXPORT_ENTITIES);

interface ArchivedJob {
  job: ExportJob;
  events: GladlyEvent[];
  agents: Agent[];
}

/**
 * The Export API's jobs over the simulated history: one `AGENT_STATUS` job per simulated hour, completed
 * when the hour is over, whose `agent_status_events.jsonl` holds exactly the AGENT_STATUS and
 * AGENT_AVAILABILITY events the Events API served for that hour (the same objects, in the same order).
 * Jobs are cut from the event log before it drops events past the 24-hour lookback, and kept 14 days.
 */
export class ExportArchive {
  private jobs: ArchivedJob[] = [];
  private nextHour = 0;
  private ids: IdFactory;

  constructor(private seed: string) {
    this.ids = new IdFactory(`${seed}:exports`);
  }

  /** Forgets every job; the next job covers the hour holding `from` (where the history begins). */
  reset(from: number, seed: string = this.seed): void {
    this.seed = seed;
    this.ids = new IdFactory(`${seed}:exports`);
    this.jobs = [];
    this.nextHour = Math.floor(from / HOUR) * HOUR;
  }

  /** Cuts a job for every hour that ended by `now` (call before the log is pruned); drops expired jobs. */
  advance(now: number, log: EventLog, agents: () => Agent[]): void {
    while (this.nextHour + HOUR <= now) {
      const start = this.nextHour;
      const end = start + HOUR;
      const job: ExportJob = {
        id: this.ids.next(),
        status: 'COMPLETED',
        parameters: { type: 'AGENT_STATUS', startAt: iso(start), endAt: iso(end) },
        updatedAt: iso(end),
        files: [AGENT_STATUS_EXPORT_FILE, AGENTS_EXPORT_FILE],
      };
      this.jobs.push({ job, events: [...log.range(start, end, ENTITIES)], agents: agents() });
      this.nextHour = end;
    }
    const keepAfter = now - EXPORT_RETENTION_MS;
    this.jobs = this.jobs.filter((entry) => Date.parse(entry.job.updatedAt) > keepAfter);
  }

  /** Jobs in a state whose period overlaps `[startAt, endAt)`, oldest first. */
  list(filter: { status?: string; startAt?: number; endAt?: number }): ExportJob[] {
    return this.jobs
      .map((entry) => entry.job)
      .filter(
        (job) =>
          (filter.status === undefined || job.status === filter.status) &&
          (filter.startAt === undefined || Date.parse(job.parameters.endAt) > filter.startAt) &&
          (filter.endAt === undefined || Date.parse(job.parameters.startAt) < filter.endAt),
      );
  }

  /** One job. */
  job(id: string): ExportJob | undefined {
    return this.jobs.find((entry) => entry.job.id === id)?.job;
  }

  /** The records of a job's file, or undefined for an unknown job or file. */
  file(id: string, name: string): readonly object[] | undefined {
    const entry = this.jobs.find((candidate) => candidate.job.id === id);
    if (name === AGENT_STATUS_EXPORT_FILE) return entry?.events;
    if (name === AGENTS_EXPORT_FILE) return entry?.agents;
    return undefined;
  }
}
