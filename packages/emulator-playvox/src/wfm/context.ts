import type { Handler, RouteContext } from '@voxbridge/emulator-kit';
import type { PlayvoxWfmEmulatorConfig } from './config.js';
import { FieldError } from './errors.js';
import type { WfmState } from './state.js';

/** What every route of the WFM emulator reads. */
export interface WfmRouteDeps {
  state: WfmState;
  config(): PlayvoxWfmEmulatorConfig;
}

/** Wraps a handler so that a {@link FieldError} becomes its 422 answer. */
export function checked(handler: Handler): Handler {
  return async (ctx: RouteContext) => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (error instanceof FieldError) throw error.toHttp();
      throw error;
    }
  };
}

/** A numeric path parameter; undefined when it is not a positive integer. */
export function numericParam(ctx: RouteContext, name: string): number | undefined {
  const value = Number(ctx.params[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** `{ data }`, the envelope of every WFM answer. */
export function ok(data: unknown, status = 200, extra: Record<string, unknown> = {}) {
  return { status, body: { data, ...extra } };
}
