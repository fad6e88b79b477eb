import { ValidationError } from '@voxbridge/core';
import type { PlayvoxLocation } from '../client.js';

/**
 * Where the WFM tenant lives: `{ subdomain }` (`acme` → `https://acme.cloud.agyletime.io/api/`), or
 * `{ baseUrl }`, any host root (an emulator, a proxy) to which the client adds `/api/` itself. The
 * same two shapes as the QA client's location, on another host.
 */
export type WfmLocation = PlayvoxLocation;

/** The tenant's `/api/` base URL for a location. */
export function wfmBaseUrl(location: WfmLocation): string {
  if (location.subdomain !== undefined && location.baseUrl !== undefined)
    throw new ValidationError('baseUrl', 'give either subdomain or baseUrl, not both');
  if (location.subdomain !== undefined) {
    if (
      typeof location.subdomain !== 'string' ||
      !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(location.subdomain)
    ) {
      throw new ValidationError('subdomain', 'must be a DNS label (letters, digits and -)');
    }
    return `https://${location.subdomain.toLowerCase()}.cloud.agyletime.io/api/`;
  }
  if (typeof location.baseUrl !== 'string')
    throw new ValidationError('subdomain', 'give a subdomain or a baseUrl');
  // A base that already ends in /api is taken as is rather than doubled.
  return `${hostRoot(location.baseUrl, 'baseUrl').replace(/\/api$/, '')}/api/`;
}

/**
 * The base URL of a regional host (`https://api-us.cloud.agyletime.io`), whose resources have no
 * `/api` prefix, with a trailing slash.
 */
export function wfmRegionalBaseUrl(url: string): string {
  return `${hostRoot(url, 'usersBaseUrl')}/`;
}

function hostRoot(text: string, field: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(field, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ValidationError(field, 'must be an absolute http(s) URL');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
