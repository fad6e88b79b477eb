/** Read-only QA data (coachings, learning results, calibrations, evaluations, scorecards, roles) and campaigns. */

import type { PagePromise } from '@voxbridge/core';
import { ValidationError } from '@voxbridge/core';
import { CampaignMetricsError } from '../errors.js';
import { type CallOptions, idSegment, type PlayvoxTransport, segment } from '../transport.js';
import type {
  Campaign,
  CampaignMetricsResult,
  CampaignMetricsRow,
  CampaignVar,
  ListParams,
  PlayvoxPage,
  User,
} from '../types.js';
import { assertDay, requireId, requireText, withFieldPrefix } from '../validation.js';
import { PlayvoxResource } from './resource.js';

/** A read-only collection: `GET <path>` with the list parameters. */
export class ListResource<T> extends PlayvoxResource {
  readonly #path: string;

  /** @param path the collection path under `/api/v1/` (`coachings`). */
  constructor(transport: PlayvoxTransport, path: string) {
    super(transport);
    this.#path = path;
  }

  /** One page (`await`) or every record of every page (`for await`). */
  list(params: ListParams = {}, options: CallOptions = {}): PagePromise<PlayvoxPage<T>, T> {
    return this.transport.list<T>(this.#path, params, options);
  }
}

/** Performance campaigns: read them, their variables and users, and send metric rows. */
export class Campaigns extends ListResource<Campaign> {
  constructor(transport: PlayvoxTransport) {
    super(transport, 'campaigns');
  }

  /** `GET campaigns/{id}`. */
  async retrieve(id: string, options: CallOptions = {}): Promise<Campaign> {
    return this.transport.getResult<Campaign>(`campaigns/${idSegment(id, 'id')}`, options);
  }

  /** The campaign's variables: the codes a metrics row may carry (`GET campaigns/{id}/actions?o=vars-by-type`). */
  async vars(id: string, options: CallOptions = {}): Promise<CampaignVar[]> {
    return this.transport.getResult<CampaignVar[]>(`campaigns/${idSegment(id, 'id')}/actions`, {
      ...options,
      query: { o: 'vars-by-type' },
    });
  }

  /** The campaign's users (`GET campaigns/{id}/actions?o=users`). */
  async users(id: string, options: CallOptions = {}): Promise<User[]> {
    return this.transport.getResult<User[]>(`campaigns/${idSegment(id, 'id')}/actions`, {
      ...options,
      query: { o: 'users' },
    });
  }

  /**
   * Sends metric rows (`POST campaigns/{id}/metrics`). Playvox answers 200 even when it refuses rows,
   * so any refusal throws a {@link CampaignMetricsError} listing the server's per-row messages. Not
   * retried: metrics are added, not set, so a repeat could count a row twice.
   */
  async sendMetrics(
    id: string,
    rows: CampaignMetricsRow | readonly CampaignMetricsRow[],
    options: CallOptions = {},
  ): Promise<CampaignMetricsResult> {
    const campaignId = requireId(id, 'id');
    const list = Array.isArray(rows) ? rows : [rows];
    if (list.length === 0) throw new ValidationError('rows', 'must contain at least one row');
    const body = list.map((row, index) => withFieldPrefix(`rows[${index}].`, () => metricsRow(row)));
    const answer = await this.transport.post(`campaigns/${segment(campaignId)}/metrics`, body, options);
    const result = answer.body.result as
      | { total?: unknown; total_errors?: unknown; errors?: unknown }
      | undefined;
    if (!result || typeof result.total_errors !== 'number')
      throw this.transport.contractError(answer, 'the answer has no result.total_errors');
    const total = typeof result.total === 'number' ? result.total : body.length;
    if (result.total_errors > 0) {
      const errors = Array.isArray(result.errors) ? result.errors.map(String) : [];
      throw new CampaignMetricsError(total, result.total_errors, errors);
    }
    return { total, totalErrors: 0 };
  }
}

function metricsRow(row: CampaignMetricsRow): Record<string, unknown> {
  if (typeof row !== 'object' || row === null) throw new ValidationError('row', 'must be an object');
  const out: Record<string, unknown> = {
    user: requireText(row.user, 'user'),
    date: assertDay(row.date, 'date'),
  };
  for (const [code, value] of Object.entries(row)) {
    if (code === 'user' || code === 'date') continue;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new ValidationError(code, 'must be a finite number (a campaign variable value)');
    out[code] = value;
  }
  if (Object.keys(out).length === 2)
    throw new ValidationError('values', 'a row must carry at least one campaign variable value');
  return out;
}
