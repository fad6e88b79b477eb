import type { wfm } from '@voxbridge/playvox/wire';
import type { z } from 'zod';
import { wfmError } from './errors.js';

/** A Task definition as the emulator holds it: the contract's read shape. */
export type WfmTaskDefinitionRecord = wfm.WfmTaskDefinition;

/** A Workstream as the emulator holds it: the contract's read shape. */
export type WfmWorkstreamRecord = wfm.WfmWorkstream;

type TaskDefinitionPatch = z.output<typeof wfm.taskDefinitionPatch>;
type WorkstreamPatch = z.output<typeof wfm.workstreamPatch>;

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

  /** Creates a task definition from a body the contract checked (409 on a taken name). */
  createTaskDefinition(
    input: TaskDefinitionPatch & { name: string },
    nowIso: string,
  ): WfmTaskDefinitionRecord {
    const name = input.name;
    assertUniqueName(this.taskDefinitions.values(), name, undefined, 'task definition');
    const id = this.nextTaskId++;
    return insert(this.taskDefinitions, input, nowIso, {
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
    });
  }

  /** Changes the fields a request body gives; lists and maps replace. */
  updateTaskDefinition(id: number, input: TaskDefinitionPatch, nowIso: string): WfmTaskDefinitionRecord {
    return update(this.taskDefinitions, 'task definition', id, input, nowIso);
  }

  /** Creates a workstream from a body the contract checked. */
  createWorkstream(input: WorkstreamPatch & { name: string }, nowIso: string): WfmWorkstreamRecord {
    const name = input.name;
    assertUniqueName(this.workstreams.values(), name, undefined, 'workstream');
    const id = this.nextWorkstreamId++;
    return insert(this.workstreams, input, nowIso, {
      id,
      name,
      channel: null,
      waitTimeThreshold: null,
      gradeOfService: null,
      ahtGoal: null,
      abandonThreshold: null,
    });
  }

  /** Changes the fields a request body gives. */
  updateWorkstream(id: number, input: WorkstreamPatch, nowIso: string): WfmWorkstreamRecord {
    return update(this.workstreams, 'workstream', id, input, nowIso);
  }
}

/** A named record of the catalog. */
interface Named {
  id: number;
  name: string;
  integrationIdentifiers: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Stores a new record: its own `defaults`, no integration identifiers, then the fields the body gives. */
function insert<R extends Named>(
  records: Map<number, R>,
  input: object,
  nowIso: string,
  defaults: Omit<R, 'integrationIdentifiers' | 'createdAt' | 'updatedAt'>,
): R {
  const record = { ...defaults, integrationIdentifiers: {}, createdAt: nowIso, updatedAt: nowIso } as R;
  Object.assign(record, definedOnly(input));
  records.set(record.id, record);
  return record;
}

/** Changes the fields a body gives: 404 for an unknown id, 409 for a name another record holds. */
function update<R extends Named>(
  records: Map<number, R>,
  kind: string,
  id: number,
  input: { name?: string | undefined },
  nowIso: string,
): R {
  const record = records.get(id);
  if (!record) throw wfmError(404, `${kind} ${id} not found`);
  if (input.name !== undefined) assertUniqueName(records.values(), input.name, id, kind);
  Object.assign(record, definedOnly(input), { updatedAt: nowIso });
  return record;
}

/** The fields a body gives (lists and maps replace what the record held). */
function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
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
