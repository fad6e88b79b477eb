import { HttpError, isPlainObject, type RouteContext } from '@voxbridge/emulator-kit';
import { SERVICES, type Service, type ServiceChannel } from './model.js';

/** LiveVox's error body: an application code and a message. */
export function lvError(status: number, message: string, code = status): HttpError {
  return new HttpError(status, { code, message });
}

/** The JSON body as an object (an absent body is an empty object). */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body === undefined || ctx.body === null || ctx.body === '') return {};
  if (!isPlainObject(ctx.body)) throw lvError(400, 'body: must be a JSON object');
  return ctx.body;
}

/** The id filters of a request body (`{"filter":{"service":[{"id":"38049"}],…}}`). */
export interface IdFilter {
  service?: Set<number>;
  callCenter?: Set<number>;
  campaign?: Set<number>;
  /** Upper-case interaction types (`VOICE`, `SMS`, `EMAIL`). */
  interactionType?: Set<string>;
}

/** Parses `filter`; ids may be numbers or digit strings, as LiveVox's examples use both. */
export function parseFilter(body: Record<string, unknown>): IdFilter {
  const raw = body.filter;
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) throw lvError(400, 'filter: must be an object');
  const filter: IdFilter = {};
  for (const key of ['service', 'callCenter', 'campaign'] as const) {
    const list = raw[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) throw lvError(400, `filter.${key}: must be a list of {"id": …}`);
    filter[key] = new Set(
      list.map((item, i) => {
        const id = isPlainObject(item) ? item.id : undefined;
        const value =
          typeof id === 'number'
            ? id
            : typeof id === 'string' && /^\d+$/.test(id.trim())
              ? Number(id)
              : Number.NaN;
        if (!Number.isInteger(value)) throw lvError(400, `filter.${key}[${i}].id: must be a numeric id`);
        return value;
      }),
    );
  }
  const types = raw.interactionType;
  if (types !== undefined && types !== null) {
    if (!Array.isArray(types)) throw lvError(400, 'filter.interactionType: must be a list of {"type": …}');
    filter.interactionType = new Set(
      types.map((item, i) => {
        const type = isPlainObject(item) ? item.type : undefined;
        const name = typeof type === 'string' ? type.trim().toUpperCase() : '';
        if (!['VOICE', 'SMS', 'EMAIL'].includes(name))
          throw lvError(400, `filter.interactionType[${i}].type: must be VOICE, SMS or EMAIL`);
        return name;
      }),
    );
  }
  return filter;
}

/** Services of the given channels that the filter selects (service ids OR call center ids; all when neither is given). */
export function selectServices(filter: IdFilter, channels: ServiceChannel[]): Service[] {
  return SERVICES.filter((service) => {
    if (!channels.includes(service.channel)) return false;
    if (!filter.service && !filter.callCenter) return true;
    return Boolean(filter.service?.has(service.id) || filter.callCenter?.has(service.callCenterId));
  });
}

/** The `count` query parameter: default `max`, 400 outside `min`…`max`. */
export function parseCount(ctx: RouteContext, min: number, max: number): number {
  const raw = ctx.query.get('count');
  if (raw === null || raw === '') return max;
  const count = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(count >= min && count <= max))
    throw lvError(400, `count: must be an integer between ${min} and ${max}`);
  return count;
}

/** A mandatory query parameter. */
export function requiredQuery(ctx: RouteContext, name: string): string {
  const value = ctx.query.get(name);
  if (value === null || value === '') throw lvError(400, `${name}: query parameter is required`);
  return value;
}

/** An integer path or query value. */
export function integerParam(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw lvError(400, `${name}: must be an integer`);
  return Number(value);
}

/** Validates the optional `client` query parameter (an integer id). */
export function checkClientParam(ctx: RouteContext): void {
  const client = ctx.query.get('client');
  if (client !== null && client !== '') integerParam('client', client);
}

/** A JSON answer. */
export function ok(body: unknown, status = 200): { status: number; body: unknown } {
  return { status, body };
}

/** A 204 answer. */
export const NO_CONTENT = { status: 204 } as const;
