import { wfmError } from './errors.js';
import { type IdentifierOwner, readIdentifiers } from './matching.js';
import { asObject, readBoolean, readNonNegative, readString } from './validate.js';

/** A Task definition: `GET /api/schedule/tasks/definitions` fields plus the integration identifiers. */
export interface WfmTaskDefinitionRecord extends IdentifierOwner {
  id: number;
  name: string;
  /** Short code copied into each interval's `taskIdentifier`. */
  taskIdentifier: string;
  taskTypeIdentifier: string | null;
  colour: string;
  categoryName: string | null;
  workloadChannel: string | null;
  isPaid: boolean;
  isPlanned: boolean;
  isLeave: boolean;
  isBreak: boolean;
  isProductive: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A Workstream (a queue or inbox, as the Gladly connector set-up uses the word). */
export interface WfmWorkstreamRecord extends IdentifierOwner {
  id: number;
  name: string;
  /** Channel reported in agent metrics for contacts of this workstream (`voice`, `chat`, `email`, …). */
  channel: string | null;
  waitTimeThreshold: number | null;
  gradeOfService: number | null;
  ahtGoal: number | null;
  abandonThreshold: number | null;
  createdAt: string;
  updatedAt: string;
}

const COLOURS = ['#4caf50', '#9e9e9e', '#ff9800', '#2196f3', '#9c27b0', '#f44336', '#009688', '#795548'];

/** Task definitions and workstreams, each with unique names and numeric ids. */
export class WfmCatalog {
  /** Task definitions by id. */
  readonly taskDefinitions = new Map<number, WfmTaskDefinitionRecord>();
  /** Workstreams by id. */
  readonly workstreams = new Map<number, WfmWorkstreamRecord>();
  private nextTaskId = 1;
  private nextWorkstreamId = 1;

  /** Forgets everything. */
  clear(): void {
    this.taskDefinitions.clear();
    this.workstreams.clear();
    this.nextTaskId = 1;
    this.nextWorkstreamId = 1;
  }

  /** Creates a task definition from a request body (409 on a taken name, 422 on a broken rule). */
  createTaskDefinition(body: unknown, nowIso: string): WfmTaskDefinitionRecord {
    const input = asObject(body, 'body');
    const name = readString(input, 'name', '', { required: true, max: 200 })!;
    assertUniqueName(this.taskDefinitions.values(), name, undefined, 'task definition');
    const id = this.nextTaskId++;
    const record: WfmTaskDefinitionRecord = {
      id,
      name,
      taskIdentifier: slug(name),
      taskTypeIdentifier: null,
      colour: COLOURS[(id - 1) % COLOURS.length]!,
      categoryName: null,
      workloadChannel: null,
      isPaid: true,
      isPlanned: false,
      isLeave: false,
      isBreak: false,
      isProductive: true,
      integrationIdentifiers: {},
      createdAt: nowIso,
      updatedAt: nowIso,
    };
    Object.assign(record, readTaskFields(input));
    this.taskDefinitions.set(id, record);
    return record;
  }

  /** Changes the fields a request body gives; lists and maps replace. */
  updateTaskDefinition(id: number, body: unknown, nowIso: string): WfmTaskDefinitionRecord {
    const record = this.taskDefinitions.get(id);
    if (!record) throw wfmError(404, `task definition ${id} not found`);
    const input = asObject(body, 'body');
    const name = readString(input, 'name', '', { max: 200 });
    if (name !== undefined) assertUniqueName(this.taskDefinitions.values(), name, id, 'task definition');
    const changes = readTaskFields(input);
    Object.assign(record, changes, name !== undefined ? { name } : {}, { updatedAt: nowIso });
    return record;
  }

  /** Creates a workstream from a request body. */
  createWorkstream(body: unknown, nowIso: string): WfmWorkstreamRecord {
    const input = asObject(body, 'body');
    const name = readString(input, 'name', '', { required: true, max: 200 })!;
    assertUniqueName(this.workstreams.values(), name, undefined, 'workstream');
    const id = this.nextWorkstreamId++;
    const record: WfmWorkstreamRecord = {
      id,
      name,
      channel: null,
      waitTimeThreshold: null,
      gradeOfService: null,
      ahtGoal: null,
      abandonThreshold: null,
      integrationIdentifiers: {},
      createdAt: nowIso,
      updatedAt: nowIso,
    };
    Object.assign(record, readWorkstreamFields(input));
    this.workstreams.set(id, record);
    return record;
  }

  /** Changes the fields a request body gives. */
  updateWorkstream(id: number, body: unknown, nowIso: string): WfmWorkstreamRecord {
    const record = this.workstreams.get(id);
    if (!record) throw wfmError(404, `workstream ${id} not found`);
    const input = asObject(body, 'body');
    const name = readString(input, 'name', '', { max: 200 });
    if (name !== undefined) assertUniqueName(this.workstreams.values(), name, id, 'workstream');
    Object.assign(record, readWorkstreamFields(input), name !== undefined ? { name } : {}, {
      updatedAt: nowIso,
    });
    return record;
  }
}

function readTaskFields(input: Record<string, unknown>): Partial<WfmTaskDefinitionRecord> {
  const out: Partial<WfmTaskDefinitionRecord> = {};
  const taskIdentifier = readString(input, 'taskIdentifier', '', { max: 100 });
  if (taskIdentifier !== undefined) out.taskIdentifier = taskIdentifier;
  for (const key of ['taskTypeIdentifier', 'categoryName', 'workloadChannel'] as const) {
    if (input[key] === null) out[key] = null;
    else {
      const value = readString(input, key, '', { max: 200 });
      if (value !== undefined) out[key] = value;
    }
  }
  const colour = readString(input, 'colour', '', { max: 32 });
  if (colour !== undefined) out.colour = colour;
  for (const key of ['isPaid', 'isPlanned', 'isLeave', 'isBreak', 'isProductive'] as const) {
    const value = readBoolean(input, key, '');
    if (value !== undefined) out[key] = value;
  }
  const identifiers = readIdentifiers(input.integrationIdentifiers, 'integrationIdentifiers');
  if (identifiers) out.integrationIdentifiers = identifiers;
  return out;
}

function readWorkstreamFields(input: Record<string, unknown>): Partial<WfmWorkstreamRecord> {
  const out: Partial<WfmWorkstreamRecord> = {};
  if (input.channel === null) out.channel = null;
  else {
    const channel = readString(input, 'channel', '', { max: 64 });
    if (channel !== undefined) out.channel = channel;
  }
  for (const key of ['waitTimeThreshold', 'gradeOfService', 'ahtGoal', 'abandonThreshold'] as const) {
    const value = readNonNegative(input, key, '');
    if (value !== undefined) out[key] = value;
  }
  const identifiers = readIdentifiers(input.integrationIdentifiers, 'integrationIdentifiers');
  if (identifiers) out.integrationIdentifiers = identifiers;
  return out;
}

function assertUniqueName(
  records: Iterable<{ id: number; name: string }>,
  name: string,
  selfId: number | undefined,
  kind: string,
): void {
  for (const record of records) {
    if (record.id !== selfId && record.name.toLowerCase() === name.toLowerCase())
      throw wfmError(409, `name: a ${kind} named "${name}" already exists (id ${record.id})`, {
        field: 'name',
        existingId: record.id,
      });
  }
}

/** `Agent Status – Logged In` → `AGENT_STATUS_LOGGED_IN`. */
function slug(name: string): string {
  const out = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return out.slice(0, 100) || 'TASK';
}
