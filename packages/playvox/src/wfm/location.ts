import type { PlayvoxLocation } from '../client.js';
import { hostRoot, locationBaseUrl } from '../location.js';

/**
 * Where the WFM tenant lives: `{ subdomain }` (`acme` → `https://acme.cloud.agyletime.io/api/`), or
 * `{ baseUrl }`, any host root (an emulator, a proxy) to which the client adds `/api/` itself. The
 * same two shapes as the QA client's location, on another host.
 */
export type WfmLocation = PlayvoxLocation;

/** The tenant's `/api/` base URL for a location. */
export function wfmBaseUrl(location: WfmLocation): string {
  return locationBaseUrl(location, '.cloud.agyletime.io', '/api');
}

/**
 * The base URL of a regional host (`https://api-us.cloud.agyletime.io`), whose resources have no
 * `/api` prefix, with a trailing slash.
 */
export function wfmRegionalBaseUrl(url: string): string {
  return `${hostRoot(url, 'usersBaseUrl')}/`;
}
