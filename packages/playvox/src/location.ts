/** Base URLs of the Playvox APIs from a location: a subdomain of the service's host, or any host root. */
import { ValidationError } from '@voxbridge/core';

/** A subdomain or a host root, as the QA and WFM clients take them (exactly one of the two). */
export interface Location {
  subdomain?: string | undefined;
  baseUrl?: string | undefined;
}

/**
 * `https://<subdomain><hostSuffix><apiPath>/` for a subdomain, or `<host root><apiPath>/` for a base URL
 * (a base that already ends in `apiPath` is taken as is rather than doubled).
 */
export function locationBaseUrl(location: Location, hostSuffix: string, apiPath: string): string {
  if (location.subdomain !== undefined && location.baseUrl !== undefined)
    throw new ValidationError('baseUrl', 'give either subdomain or baseUrl, not both');
  if (location.subdomain !== undefined) {
    if (
      typeof location.subdomain !== 'string' ||
      !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(location.subdomain)
    ) {
      throw new ValidationError('subdomain', 'must be a DNS label (letters, digits and -)');
    }
    return `https://${location.subdomain.toLowerCase()}${hostSuffix}${apiPath}/`;
  }
  if (typeof location.baseUrl !== 'string')
    throw new ValidationError('subdomain', 'give a subdomain or a baseUrl');
  const root = hostRoot(location.baseUrl, 'baseUrl');
  return `${root.endsWith(apiPath) ? root.slice(0, -apiPath.length) : root}${apiPath}/`;
}

/** Origin and path of an absolute http(s) URL without trailing slashes; `field` names it in errors. */
export function hostRoot(text: string, field: string): string {
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
