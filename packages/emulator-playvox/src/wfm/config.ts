import type { BaseEmulatorConfig } from '@voxbridge/emulator-kit';

/** Name of the token answer's expiry field; public clients disagree on it, so the emulator can send either. */
export type WfmExpiryField = 'expiresIn' | 'expireIn';

/** Configuration of the Playvox WFM emulator (`GET`/`PUT /_emulator/config`). */
export interface PlayvoxWfmEmulatorConfig extends BaseEmulatorConfig {
  token: {
    /** Lifetime of an issued access token, in (emulated-clock) seconds. Default 3600. */
    ttlSeconds: number;
    /** Field of `data` that carries the lifetime: `expiresIn` (tap-playvox) or `expireIn` (Fivetran). */
    expiryField: WfmExpiryField;
  };
  paging: {
    /** Users per page of `GET /api/organisation/users` when the request gives no `pageSize`. Default 100. */
    usersPageSize: number;
    /** Intervals per page of `GET /api/workactivity/tasks` when the request gives no `pageSize`. Default 500. */
    tasksPageSize: number;
    /** Largest `pageSize` a request may ask for. Default 1000. */
    maxPageSize: number;
  };
  inbound: {
    /** Most events one inbound POST may carry (400 above). Default 500. */
    maxBatchSize: number;
  };
  matching: {
    /** Match integration identifiers case-insensitively. Default false (JavaScript `RegExp` semantics, anchored). */
    caseInsensitive: boolean;
  };
}

/** The defaults `POST /_emulator/reset` returns to. */
export const PLAYVOX_WFM_DEFAULT_CONFIG: PlayvoxWfmEmulatorConfig = {
  // Playvox publishes no WFM rate limit; 600/min per access key is generous enough never to bite by accident.
  rateLimit: { requestsPerMinute: 600 },
  gzip: true,
  token: { ttlSeconds: 3600, expiryField: 'expiresIn' },
  paging: { usersPageSize: 100, tasksPageSize: 500, maxPageSize: 1000 },
  inbound: { maxBatchSize: 500 },
  matching: { caseInsensitive: false },
};

const isPositiveInteger = (value: unknown, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;

/** Checks a merged configuration; returns a message naming the offending key, or undefined. */
export function validateWfmConfig(config: PlayvoxWfmEmulatorConfig): string | undefined {
  const { token, paging, inbound, matching, rateLimit } = config;
  if (!(typeof rateLimit?.requestsPerMinute === 'number' && rateLimit.requestsPerMinute >= 0))
    return 'rateLimit.requestsPerMinute: must be a number >= 0';
  if (!isPositiveInteger(token?.ttlSeconds, 31_536_000))
    return 'token.ttlSeconds: must be an integer from 1 to 31536000';
  if (token.expiryField !== 'expiresIn' && token.expiryField !== 'expireIn')
    return 'token.expiryField: must be "expiresIn" or "expireIn"';
  if (!isPositiveInteger(paging?.maxPageSize, 100_000))
    return 'paging.maxPageSize: must be an integer from 1 to 100000';
  if (!isPositiveInteger(paging.usersPageSize, paging.maxPageSize))
    return 'paging.usersPageSize: must be an integer from 1 to paging.maxPageSize';
  if (!isPositiveInteger(paging.tasksPageSize, paging.maxPageSize))
    return 'paging.tasksPageSize: must be an integer from 1 to paging.maxPageSize';
  if (!isPositiveInteger(inbound?.maxBatchSize, 100_000))
    return 'inbound.maxBatchSize: must be an integer from 1 to 100000';
  if (typeof matching?.caseInsensitive !== 'boolean') return 'matching.caseInsensitive: must be a boolean';
  return undefined;
}
