import { ValidationError } from '@voxbridge/core';
import type { z } from 'zod';
import {
  checkValue,
  taskDefinitionInput,
  taskDefinitionPatch,
  workstreamInput,
  workstreamPatch,
} from '../wire/wfm/index.js';
import type { WfmTaskDefinitionInput, WfmWorkstreamInput } from './types.js';

/**
 * A body checked against the WFM contract before it is sent: a broken rule is a `ValidationError`
 * naming `prefix` + the field (`[0].name`, `events[1].timestamp`), with the contract's rule.
 */
export function contractBody<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  const checked = checkValue(schema, value);
  if (checked.ok) return checked.data;
  const field = `${prefix}${checked.field}`.replace(/\.$/, '').replace(/^\./, '');
  throw new ValidationError(field || 'input', checked.rule);
}

/** The create and update schemas of one kind of setting. */
const SETTINGS = {
  taskDefinition: { create: taskDefinitionInput, update: taskDefinitionPatch },
  workstream: { create: workstreamInput, update: workstreamPatch },
} as const;

/** The body of a task definition or workstream create (`partial` false) or update (`partial` true), checked. */
export function settingBody(
  kind: keyof typeof SETTINGS,
  input: Partial<WfmTaskDefinitionInput> | Partial<WfmWorkstreamInput>,
  partial: boolean,
  prefix = '',
): Record<string, unknown> {
  return contractBody(SETTINGS[kind][partial ? 'update' : 'create'], input, prefix);
}
