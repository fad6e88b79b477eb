import { ValidationError } from '@voxbridge/core';
import type { WfmIntegrationIdentifiers, WfmTaskDefinitionInput, WfmWorkstreamInput } from './types.js';

const ALIAS = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function text(value: unknown, field: string, max: number, nullable: boolean): void {
  if (value === undefined || (nullable && value === null)) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw new ValidationError(
      field,
      `must be a string of 1 to ${max} characters${nullable ? ' or null' : ''}`,
    );
}

/** Checks an identifier map: known-shaped aliases, and sources that compile as regular expressions. */
export function assertIdentifiers(identifiers: WfmIntegrationIdentifiers | undefined, field: string): void {
  if (identifiers === undefined) return;
  if (typeof identifiers !== 'object' || identifiers === null || Array.isArray(identifiers))
    throw new ValidationError(field, 'must be an object of integration alias → regular expression');
  for (const [alias, source] of Object.entries(identifiers)) {
    if (!ALIAS.test(alias))
      throw new ValidationError(
        `${field}.${alias}`,
        'integration alias must be 1-64 characters of a-z, 0-9, _ and -',
      );
    if (typeof source !== 'string' || source.length === 0 || source.length > 1000)
      throw new ValidationError(`${field}.${alias}`, 'must be a regular expression of 1 to 1000 characters');
    try {
      new RegExp(`^(?:${source})$`);
    } catch (error) {
      throw new ValidationError(
        `${field}.${alias}`,
        `invalid regular expression (${(error as Error).message})`,
      );
    }
  }
}

/** The body of a task definition create (`partial` false) or update (`partial` true), checked. */
export function taskDefinitionBody(
  input: Partial<WfmTaskDefinitionInput>,
  partial: boolean,
  prefix = '',
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null)
    throw new ValidationError(prefix ? prefix.slice(0, -1) : 'input', 'must be an object');
  if (!partial || input.name !== undefined) text(input.name ?? '', `${prefix}name`, 200, false);
  text(input.taskIdentifier, `${prefix}taskIdentifier`, 100, false);
  text(input.colour, `${prefix}colour`, 32, false);
  for (const key of ['taskTypeIdentifier', 'categoryName', 'workloadChannel'] as const)
    text(input[key], `${prefix}${key}`, 200, true);
  for (const key of ['isPaid', 'isPlanned', 'isLeave', 'isBreak', 'isProductive'] as const) {
    if (input[key] !== undefined && typeof input[key] !== 'boolean')
      throw new ValidationError(`${prefix}${key}`, 'must be a boolean');
  }
  assertIdentifiers(input.integrationIdentifiers, `${prefix}integrationIdentifiers`);
  return definedOnly(input);
}

/** The body of a workstream create or update, checked. */
export function workstreamBody(
  input: Partial<WfmWorkstreamInput>,
  partial: boolean,
  prefix = '',
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null)
    throw new ValidationError(prefix ? prefix.slice(0, -1) : 'input', 'must be an object');
  if (!partial || input.name !== undefined) text(input.name ?? '', `${prefix}name`, 200, false);
  text(input.channel, `${prefix}channel`, 64, true);
  for (const key of ['waitTimeThreshold', 'gradeOfService', 'ahtGoal', 'abandonThreshold'] as const) {
    const value = input[key];
    if (
      value !== undefined &&
      value !== null &&
      !(typeof value === 'number' && Number.isFinite(value) && value >= 0)
    ) {
      throw new ValidationError(`${prefix}${key}`, 'must be a number >= 0 or null');
    }
  }
  assertIdentifiers(input.integrationIdentifiers, `${prefix}integrationIdentifiers`);
  return definedOnly(input);
}

function definedOnly(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}
