/** Teams and users. Creates are sent once; updates and deletes are idempotent and retried by core. */

import type { PagePromise } from '@voxbridge/core';
import { ValidationError } from '@voxbridge/core';
import { teamCreateBody, teamUpdateBody, userCreateBody, userUpdateBody } from '../serialize.js';
import { type CallOptions, idSegment } from '../transport.js';
import type {
  ListParams,
  PlayvoxPage,
  Team,
  TeamCreate,
  TeamUpdate,
  User,
  UserCreate,
  UserDeactivation,
  UserUpdate,
} from '../types.js';
import { requireId, requireText } from '../validation.js';
import { PlayvoxResource } from './resource.js';

/** Teams: list, create, update, membership, delete. */
export class Teams extends PlayvoxResource {
  /** One page (`await`) or every team (`for await`); `include: 'all'` embeds `users_info`. */
  list(params: ListParams = {}, options: CallOptions = {}): PagePromise<PlayvoxPage<Team>, Team> {
    return this.transport.list<Team>('teams', params, options);
  }

  /** Creates a team (`POST teams`) and returns its id. Sent once: Playvox does not deduplicate. */
  async create(team: TeamCreate, options: CallOptions = {}): Promise<string> {
    return this.transport.createResultId('teams', teamCreateBody(team), options);
  }

  /** Changes a team (`PUT teams/{id}`); `teamLeaderIds` and `userIds` replace the current lists. */
  async update(id: string, patch: TeamUpdate, options: CallOptions = {}): Promise<void> {
    await this.transport.write('PUT', `teams/${idSegment(id, 'id')}`, teamUpdateBody(patch), options);
  }

  /** Adds a user to a team (`POST teams/{id}/users`, body `{ id }`). */
  async addUser(id: string, userId: string, options: CallOptions = {}): Promise<void> {
    const path = `teams/${idSegment(id, 'id')}/users`;
    await this.transport.write('POST', path, { id: requireId(userId, 'userId') }, options);
  }

  /** Removes a user from a team (`DELETE teams/{id}/users/{userId}`). */
  async removeUser(id: string, userId: string, options: CallOptions = {}): Promise<void> {
    const path = `teams/${idSegment(id, 'id')}/users/${idSegment(userId, 'userId')}`;
    await this.transport.write('DELETE', path, undefined, options);
  }

  /** Deletes a team (`DELETE teams/{id}`). */
  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.transport.write('DELETE', `teams/${idSegment(id, 'id')}`, undefined, options);
  }
}

/** Users: list, create, update, deactivate, activate. */
export class Users extends PlayvoxResource {
  /** One page (`await`) or every user (`for await`). */
  list(params: ListParams = {}, options: CallOptions = {}): PagePromise<PlayvoxPage<User>, User> {
    return this.transport.list<User>('users', params, options);
  }

  /**
   * Every user keyed by login, for an assignee lookup: `by: 'email'`, `'username'` or `'both'` (default),
   * keys in lower case (Playvox logins ignore case). Reads every page (100 users per request); inactive
   * users are kept, so the caller decides what a deactivated agent means.
   */
  async logins(
    by: 'email' | 'username' | 'both' = 'both',
    options: CallOptions = {},
  ): Promise<Map<string, User>> {
    if (by !== 'email' && by !== 'username' && by !== 'both')
      throw new ValidationError('by', "must be 'email', 'username' or 'both'");
    const out = new Map<string, User>();
    for await (const user of this.list({}, options)) {
      for (const key of by === 'both' ? (['email', 'username'] as const) : [by]) {
        const login = user[key];
        if (typeof login === 'string' && login !== '') out.set(login.toLowerCase(), user);
      }
    }
    return out;
  }

  /**
   * Creates a user (`POST users`) and returns its id. `firstName` is sent as `name`, each
   * `integrations` entry as `integrations_<name>`. Sent once: Playvox does not deduplicate.
   */
  async create(user: UserCreate, options: CallOptions = {}): Promise<string> {
    return this.transport.createResultId('users', userCreateBody(user), options);
  }

  /** Changes a user (`PUT users/{id}`). */
  async update(id: string, patch: UserUpdate, options: CallOptions = {}): Promise<void> {
    await this.transport.write('PUT', `users/${idSegment(id, 'id')}`, userUpdateBody(patch), options);
  }

  /** Deactivates a user (`PUT users/{id}` with `status: 'inactive'` and the type and reason). */
  async deactivate(id: string, deactivation: UserDeactivation, options: CallOptions = {}): Promise<void> {
    // The id is checked before the deactivation's fields.
    const path = `users/${idSegment(id, 'id')}`;
    const body = {
      status: 'inactive',
      deactivation_type: requireText(deactivation?.type, 'type'),
      deactivation_reason: requireText(deactivation.reason, 'reason'),
    };
    await this.transport.write('PUT', path, body, options);
  }

  /** Activates a deactivated user (`PUT users/{id}` with `status: 'active'`, clearing the deactivation). */
  async activate(id: string, options: CallOptions = {}): Promise<void> {
    const body = { status: 'active', deactivation_type: '', deactivation_reason: '' };
    await this.transport.write('PUT', `users/${idSegment(id, 'id')}`, body, options);
  }
}
