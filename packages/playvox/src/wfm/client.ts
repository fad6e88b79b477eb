import { ApiError, HttpClient, type PagePromise, rateLimiterFor, ValidationError } from '@voxbridge/core';
import type { PlayvoxOptions } from '../client.js';
import { applyByName } from './apply.js';
import {
  addInboundBatch,
  assertIntegrationAlias,
  chunks,
  contactEventBody,
  emptyInboundResult,
  statusEventBody,
  toWfmTime,
  userMappingBody,
  WFM_DEFAULT_INBOUND_BATCH,
  WFM_MAX_USER_MAPPINGS,
} from './inbound.js';
import { type WfmLocation, wfmBaseUrl, wfmRegionalBaseUrl } from './location.js';
import { type WfmCredentials, WfmTokenAuth } from './token.js';
import { type WfmCallOptions, WfmTransport } from './transport.js';
import type {
  WfmAgentMetrics,
  WfmAgentStatusEvent,
  WfmApplyResult,
  WfmContact,
  WfmContactEvent,
  WfmInboundItemResult,
  WfmInboundResult,
  WfmIssue,
  WfmPage,
  WfmTaskDefinition,
  WfmTaskDefinitionInput,
  WfmTaskInterval,
  WfmUser,
  WfmUserMapping,
  WfmUserMappingResult,
  WfmUserMappingView,
  WfmWorkstream,
  WfmWorkstreamInput,
} from './types.js';
import { settingBody } from './validate.js';

/**
 * Options of {@link PlayvoxWfm}: the transport options the QA client takes (`dispatcher`, `timeoutMs`,
 * `maxRetries`, `retry`, `rateLimit` — tap-playvox keeps to 200 a minute —, `rateLimiter`, `headers`),
 * shared per access key, plus the WFM ones.
 */
export type PlayvoxWfmOptions = Pick<
  PlayvoxOptions,
  | 'dispatcher'
  | 'timeoutMs'
  | 'maxRetries'
  | 'retry'
  | 'rateLimit'
  | 'rateLimiter'
  | 'headers'
  // The tenant API client's breaker (`playvox-wfm`); the token and regional users clients have none.
  | 'destination'
  | 'circuit'
> & {
  /**
   * A regional host root (`https://api-us.cloud.agyletime.io`) to read users from, as tap-playvox does;
   * its paths have no `/api` prefix. Default: the tenant's `/api/organisation/users`.
   */
  usersBaseUrl?: string;
  /** Events per inbound request. Default 500. */
  inboundBatchSize?: number;
  /** The clock token expiry is judged by. Default `Date.now`. */
  now?: () => number;
};

/** A time window of work-activity tasks: intervals whose start lies in [from, to). */
export interface WfmTaskWindow {
  from: Date | string;
  to: Date | string;
  /** Intervals per page (sent as `pageSize`). Default: the server's. */
  pageSize?: number;
}

/** What the agent metrics are asked for. */
export interface WfmAgentMetricsQuery {
  startTime: Date | string;
  endTime?: Date | string;
  /** Default true. */
  userGrouping?: boolean;
  /** Default true. */
  dateGrouping?: boolean;
}

/**
 * Typed client of Playvox WFM (formerly Agyle Time): bearer-token auth, users (paged with
 * `nextPageToken`), task definitions and workstreams (with create/update and `apply*` upserts for
 * `voxbridge apply`), work-activity intervals, agent metrics, and the inbound agent-status and contact
 * endpoints (voxbridge's design; see WFM.md). Built on core's `HttpClient`.
 */
export class PlayvoxWfm {
  /** The tenant client (`…/api/`): subscribe to `request`, `response`, `retry` and `failure` events. */
  readonly http: HttpClient;
  /** The token strategy: how many tokens were fetched and when the held one expires (never its value). */
  readonly auth: WfmTokenAuth;
  private readonly api: WfmTransport;
  private readonly usersApi: WfmTransport;
  private readonly batchSize: number;

  constructor(location: WfmLocation, credentials: WfmCredentials, options: PlayvoxWfmOptions = {}) {
    if (!credentials || typeof credentials.accessKeyId !== 'string' || credentials.accessKeyId === '')
      throw new ValidationError('accessKeyId', 'is required');
    if (typeof credentials.secret !== 'string' || credentials.secret === '')
      throw new ValidationError('secret', 'is required');
    const batchSize = options.inboundBatchSize ?? WFM_DEFAULT_INBOUND_BATCH;
    if (!(Number.isInteger(batchSize) && batchSize >= 1))
      throw new ValidationError('inboundBatchSize', 'must be a positive integer');
    this.batchSize = batchSize;
    const baseUrl = wfmBaseUrl(location);
    const shared = {
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs,
      retry: {
        ...options.retry,
        ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      },
      headers: options.headers,
    };
    const tokenHttp = new HttpClient({ ...shared, baseUrl, secrets: () => [credentials.secret] });
    this.auth = new WfmTokenAuth(tokenHttp, credentials, options.now);
    const rateLimiter =
      options.rateLimiter ??
      rateLimiterFor(
        `playvox-wfm:${new URL(baseUrl).host}:${credentials.accessKeyId}`,
        options.rateLimit ? { requestsPerMinute: options.rateLimit } : {},
      );
    const apiOptions = { ...shared, auth: this.auth, rateLimiter, secrets: () => this.auth.secrets() };
    this.http = new HttpClient({
      ...apiOptions,
      baseUrl,
      destination: options.destination,
      circuit: options.circuit,
    });
    this.api = new WfmTransport(this.http);
    this.usersApi = options.usersBaseUrl
      ? new WfmTransport(new HttpClient({ ...apiOptions, baseUrl: wfmRegionalBaseUrl(options.usersBaseUrl) }))
      : this.api;
  }

  /** Every user of the organisation: await for the first page, `for await` for all of them. */
  users(
    params: { pageSize?: number } = {},
    options: WfmCallOptions = {},
  ): PagePromise<WfmPage<WfmUser>, WfmUser> {
    if (params.pageSize !== undefined && !(Number.isInteger(params.pageSize) && params.pageSize >= 1))
      throw new ValidationError('pageSize', 'must be a positive integer');
    return this.usersApi.pages<WfmUser>('organisation/users', { pageSize: params.pageSize }, options);
  }

  /** Every task definition. */
  async taskDefinitions(options: WfmCallOptions = {}): Promise<WfmTaskDefinition[]> {
    return this.api.dataArray<WfmTaskDefinition>('schedule/tasks/definitions', options);
  }

  /** Creates a task definition (sent once: a create is not repeated on a retryable failure). */
  async createTaskDefinition(
    input: WfmTaskDefinitionInput,
    options: WfmCallOptions = {},
  ): Promise<WfmTaskDefinition> {
    return this.api.data<WfmTaskDefinition>('POST', 'schedule/tasks/definitions', {
      ...options,
      body: settingBody('taskDefinition', input, false),
    });
  }

  /** Changes the given fields of a task definition. */
  async updateTaskDefinition(
    id: number,
    patch: Partial<WfmTaskDefinitionInput>,
    options: WfmCallOptions = {},
  ): Promise<WfmTaskDefinition> {
    return this.api.data<WfmTaskDefinition>('PUT', `schedule/tasks/definitions/${positiveId(id)}`, {
      ...options,
      body: settingBody('taskDefinition', patch, true),
    });
  }

  /** Makes the task definitions match `inputs` by name: creates the missing, updates the different. */
  async applyTaskDefinitions(
    inputs: readonly WfmTaskDefinitionInput[],
    options: WfmCallOptions = {},
  ): Promise<WfmApplyResult<WfmTaskDefinition>> {
    for (const [i, input] of inputs.entries()) settingBody('taskDefinition', input, false, `[${i}].`);
    return applyByName(await this.taskDefinitions(options), inputs, {
      create: (input) => this.createTaskDefinition(input, options),
      update: (id, input) => this.updateTaskDefinition(id, input, options),
    });
  }

  /** Every workstream. */
  async workstreams(options: WfmCallOptions = {}): Promise<WfmWorkstream[]> {
    return this.api.dataArray<WfmWorkstream>('workactivity/workstreams', options);
  }

  /** Creates a workstream. */
  async createWorkstream(input: WfmWorkstreamInput, options: WfmCallOptions = {}): Promise<WfmWorkstream> {
    return this.api.data<WfmWorkstream>('POST', 'workactivity/workstreams', {
      ...options,
      body: settingBody('workstream', input, false),
    });
  }

  /** Changes the given fields of a workstream. */
  async updateWorkstream(
    id: number,
    patch: Partial<WfmWorkstreamInput>,
    options: WfmCallOptions = {},
  ): Promise<WfmWorkstream> {
    return this.api.data<WfmWorkstream>('PUT', `workactivity/workstreams/${positiveId(id)}`, {
      ...options,
      body: settingBody('workstream', patch, true),
    });
  }

  /** Makes the workstreams match `inputs` by name. */
  async applyWorkstreams(
    inputs: readonly WfmWorkstreamInput[],
    options: WfmCallOptions = {},
  ): Promise<WfmApplyResult<WfmWorkstream>> {
    for (const [i, input] of inputs.entries()) settingBody('workstream', input, false, `[${i}].`);
    return applyByName(await this.workstreams(options), inputs, {
      create: (input) => this.createWorkstream(input, options),
      update: (id, input) => this.updateWorkstream(id, input, options),
    });
  }

  /** Agent-status intervals whose start lies in [from, to), every page. */
  workActivityTasks(
    window: WfmTaskWindow,
    options: WfmCallOptions = {},
  ): PagePromise<WfmPage<WfmTaskInterval>, WfmTaskInterval> {
    const from = toWfmTime(window.from, 'from');
    const to = toWfmTime(window.to, 'to');
    if (Date.parse(to) < Date.parse(from)) throw new ValidationError('to', 'must not be before from');
    return this.api.pages<WfmTaskInterval>(
      'workactivity/tasks',
      { taskStartTimeFrom: from, taskStartTimeTo: to, pageSize: window.pageSize },
      options,
    );
  }

  /** Agent metrics by date, user and channel. */
  async agentMetrics(query: WfmAgentMetricsQuery, options: WfmCallOptions = {}): Promise<WfmAgentMetrics> {
    const metrics = await this.api.data<WfmAgentMetrics>('GET', 'workactivity/workstreams/metrics/agents', {
      ...options,
      query: {
        startTime: toWfmTime(query.startTime, 'startTime'),
        endTime: query.endTime === undefined ? undefined : toWfmTime(query.endTime, 'endTime'),
        userGrouping: query.userGrouping ?? true,
        dateGrouping: query.dateGrouping ?? true,
      },
    });
    if (!Array.isArray(metrics?.dates))
      throw new ApiError(200, metrics, {}, undefined, 'the agent metrics answer has no data.dates array');
    return metrics;
  }

  /**
   * Sends agent-status events of one integration, in batches. Every event is checked before the first
   * batch leaves. Batches are retried on 5xx and cut connections: the receiver ignores a repeated eventId.
   */
  async sendAgentStatuses(
    integration: string,
    events: readonly WfmAgentStatusEvent[],
    options: WfmCallOptions = {},
  ): Promise<WfmInboundResult> {
    assertIntegrationAlias(integration);
    const bodies = events.map((event, i) => statusEventBody(event, `events[${i}].`));
    return this.sendInbound(`workactivity/integrations/${integration}/agent-status`, bodies, options);
  }

  /** Sends contact events (created/closed) of one integration, in batches; idempotent by eventId. */
  async sendContacts(
    integration: string,
    events: readonly WfmContactEvent[],
    options: WfmCallOptions = {},
  ): Promise<WfmInboundResult> {
    assertIntegrationAlias(integration);
    const bodies = events.map((event, i) => contactEventBody(event, `events[${i}].`));
    return this.sendInbound(`workactivity/integrations/${integration}/contacts`, bodies, options);
  }

  /** The statuses and contacts of an integration kept without a single match. */
  async unmatched(integration: string, options: WfmCallOptions = {}): Promise<WfmIssue[]> {
    assertIntegrationAlias(integration);
    return this.api.dataArray<WfmIssue>(`workactivity/integrations/${integration}/unmatched`, options);
  }

  /** The contacts received for an integration. */
  async contacts(integration: string, options: WfmCallOptions = {}): Promise<WfmContact[]> {
    assertIntegrationAlias(integration);
    return this.api.dataArray<WfmContact>(`workactivity/integrations/${integration}/contacts`, options);
  }

  /** The users holding an identifier of an integration (the user's id in that system). */
  async userMappings(integration: string, options: WfmCallOptions = {}): Promise<WfmUserMappingView[]> {
    assertIntegrationAlias(integration);
    return this.api.dataArray<WfmUserMappingView>(
      `workactivity/integrations/${integration}/user-mappings`,
      options,
    );
  }

  /**
   * Sets (or with `identifier: null` removes) users' identifiers in an integration, by email or
   * Playvox user id, in requests of at most 1,000. Setting an identifier is idempotent, so a request
   * whose answer was lost is sent again.
   */
  async mapUsers(
    integration: string,
    mappings: readonly WfmUserMapping[],
    options: WfmCallOptions = {},
  ): Promise<WfmUserMappingResult[]> {
    assertIntegrationAlias(integration);
    const bodies = mappings.map((mapping, i) => userMappingBody(mapping, `mappings[${i}].`));
    const results: WfmUserMappingResult[] = [];
    for (const batch of chunks(bodies, WFM_MAX_USER_MAPPINGS)) {
      const data = await this.api.data<WfmUserMappingResult[]>(
        'POST',
        `workactivity/integrations/${integration}/user-mappings`,
        { ...options, body: { mappings: batch }, retrySafe: true },
      );
      if (!Array.isArray(data))
        throw new ApiError(200, data, {}, undefined, 'the user-mappings answer has no data array');
      results.push(...data);
    }
    return results;
  }

  private async sendInbound(
    path: string,
    bodies: Record<string, unknown>[],
    options: WfmCallOptions,
  ): Promise<WfmInboundResult> {
    const total = emptyInboundResult();
    for (const batch of chunks(bodies, this.batchSize)) {
      const data = await this.api.data<{ results?: WfmInboundItemResult[] }>('POST', path, {
        ...options,
        body: { events: batch },
        retrySafe: true,
      });
      if (!Array.isArray(data?.results))
        throw new ApiError(200, data, {}, undefined, 'the inbound answer has no data.results array');
      addInboundBatch(total, data.results);
    }
    return total;
  }
}

function positiveId(id: number): number {
  if (!(Number.isInteger(id) && id > 0)) throw new ValidationError('id', 'must be a positive integer');
  return id;
}
