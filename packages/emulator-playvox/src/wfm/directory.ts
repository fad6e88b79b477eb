import type { SeededRandom } from '@voxbridge/emulator-kit';
import { wfmError } from './errors.js';
import { buildUserRecord, type WfmUserRecord, type WfmUserSeed } from './users.js';

/** Who an inbound event names: an email, or the user's id in the sending integration. */
export interface UserReference {
  userEmail?: string | undefined;
  userId?: string | undefined;
}

/** The organisation's users, found by id, by email (case-insensitive) or by an integration's user id. */
export class WfmDirectory {
  private readonly users = new Map<number, WfmUserRecord>();
  private readonly byEmail = new Map<string, number>();
  private readonly byIntegrationId = new Map<string, number>();
  private nextId = 1001;

  /** Forgets every user. */
  clear(): void {
    this.users.clear();
    this.byEmail.clear();
    this.byIntegrationId.clear();
    this.nextId = 1001;
  }

  /** Adds a user, or updates the one with the same email (its integrations merge). */
  upsert(seed: WfmUserSeed, random: SeededRandom, nowIso: string): WfmUserRecord {
    const email = seed.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      throw wfmError(422, 'email: must be an email address', { field: 'email' });
    const existingId = this.byEmail.get(email);
    const existing = existingId === undefined ? undefined : this.users.get(existingId);
    if (existing) {
      if (seed.firstName !== undefined) existing.firstName = seed.firstName;
      if (seed.lastName !== undefined) existing.lastName = seed.lastName;
      existing.name = `${existing.firstName} ${existing.lastName}`.trim();
      if (seed.timezone !== undefined) existing.timezone = seed.timezone;
      if (seed.isActive !== undefined) existing.isActive = seed.isActive;
      for (const [alias, identifier] of Object.entries(seed.integrations ?? {}))
        this.setIntegration(existing, alias, identifier);
      existing.updatedAt = nowIso;
      return existing;
    }
    const record = buildUserRecord({ ...seed, email, integrations: {} }, this.nextId++, random, nowIso);
    this.users.set(record.id, record);
    this.byEmail.set(email, record.id);
    for (const [alias, identifier] of Object.entries(seed.integrations ?? {}))
      this.setIntegration(record, alias, identifier);
    return record;
  }

  /** Every user, by ascending id. */
  list(): WfmUserRecord[] {
    return [...this.users.values()].sort((a, b) => a.id - b.id);
  }

  /** The user with this Playvox id. */
  get(id: number): WfmUserRecord | undefined {
    return this.users.get(id);
  }

  /** The user an inbound event names: by integration user id first, then by email. */
  resolve(integration: string, ref: UserReference): WfmUserRecord | undefined {
    if (ref.userId !== undefined) {
      const id = this.byIntegrationId.get(integrationKey(integration, ref.userId));
      if (id !== undefined) return this.users.get(id);
    }
    if (ref.userEmail !== undefined) {
      const id = this.byEmail.get(ref.userEmail.trim().toLowerCase());
      if (id !== undefined) return this.users.get(id);
    }
    return undefined;
  }

  /** The number of users. */
  get size(): number {
    return this.users.size;
  }

  /** The user holding an integration's identifier, if any. */
  holderOf(alias: string, identifier: string): WfmUserRecord | undefined {
    const id = this.byIntegrationId.get(integrationKey(alias, identifier));
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Gives a user an integration's identifier (taking it from whoever held it), or removes it with null. */
  assignIdentifier(user: WfmUserRecord, alias: string, identifier: string | null, nowIso: string): void {
    if (identifier === null) {
      const previous = user.integrations.find((entry) => entry.integrationAlias === alias);
      if (previous) this.byIntegrationId.delete(integrationKey(alias, previous.identifier));
      user.integrations = user.integrations.filter((entry) => entry.integrationAlias !== alias);
    } else {
      this.setIntegration(user, alias, identifier);
    }
    user.updatedAt = nowIso;
  }

  private setIntegration(user: WfmUserRecord, alias: string, identifier: string): void {
    // An integration id names one user: taking it moves it away from whoever held it.
    const holderId = this.byIntegrationId.get(integrationKey(alias, identifier));
    const holder = holderId === undefined || holderId === user.id ? undefined : this.users.get(holderId);
    if (holder) holder.integrations = holder.integrations.filter((entry) => entry.integrationAlias !== alias);
    const previous = user.integrations.find((entry) => entry.integrationAlias === alias);
    if (previous) this.byIntegrationId.delete(integrationKey(alias, previous.identifier));
    user.integrations = user.integrations.filter((entry) => entry.integrationAlias !== alias);
    user.integrations.push({ integrationAlias: alias, identifier });
    this.byIntegrationId.set(integrationKey(alias, identifier), user.id);
  }
}

function integrationKey(alias: string, identifier: string): string {
  return `${alias}\u0000${identifier}`;
}
