/**
 * The records the emulator stores. Their wire shapes come from the Playvox QA contract
 * (`@voxbridge/playvox/wire`); a stored record is that shape with every documented field present, plus
 * the few values the emulator always sets (`type: 'custom'`, `status: 'active'`).
 */
import type { qa } from '@voxbridge/playvox/wire';

/** The documented fields of a wire record (without the index signature that keeps unknown fields). */
type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/** A wire record as stored: every documented field present. */
type Stored<T> = { [K in keyof Known<T>]-?: Exclude<Known<T>[K], undefined> };

/** Fields every stored record has. */
export interface PlayvoxRecord {
  /** 24-character hex id. */
  _id: string;
  created_at: string;
  updated_at: string;
}

/** Any JSON record of a collection, as the list engine sees it. */
export type JsonRecord = { _id: string } & Record<string, unknown>;

/** Metadata field types. */
export type MetadataType = qa.MetadataType;

/** Where a metadata field is usable in the Playvox UI. */
export type MetadataAvailability = qa.MetadataAvailability;

/** A metadata field of an integration. */
export type MetadataField = Stored<qa.MetadataField>;

/** A custom integration. */
export type IntegrationRecord = Stored<
  Omit<Known<qa.Integration>, 'settings' | 'metadata' | 'type' | 'status'>
> & {
  type: 'custom';
  status: 'active';
  settings: { data_storage_minutes: number };
  metadata: MetadataField[];
};

/** A metadata value of an interaction. */
export type MetadataValue = qa.MetadataValue;

/** An interaction sent by a client (`interaction_id` is the external id, not unique). */
export type InteractionRecord = Stored<Omit<Known<qa.Interaction>, 'metadata' | 'comments'>> & {
  metadata: Record<string, MetadataValue>;
};

/** Comment types. */
export type CommentType = qa.CommentType;

/** A comment attachment (`{ url, name, content_type, size }`). */
export type Attachment = qa.Attachment;

/** A comment on an interaction (`interaction_id` is the Playvox `_id` of the interaction). */
export type CommentRecord = Stored<qa.Comment>;

/** A Playvox user. `integrations_<name>` keys carry external user ids. */
export type UserRecord = Stored<qa.User> & {
  type: 'admin' | 'analyst' | 'team_leader' | 'agent';
  roles: string[];
  status: 'active' | 'inactive';
  deactivation_type: string;
  deactivation_reason: string;
  founder: boolean;
  light: boolean;
  tz: string;
  lang: string;
  last_login_date: string | null;
  [integrationKey: `integrations_${string}`]: string;
};

/** A team. */
export type TeamRecord = Stored<Omit<Known<qa.Team>, 'users_info' | 'team_leader_info'>> & {
  status: 'active';
  default: boolean;
};

/** A row of performance-campaign metrics as stored. */
export interface CampaignMetricRow {
  campaign_id: string;
  user_id: string;
  date: string;
  values: Record<string, number>;
  received_at: string;
}

/** Statuses of a bulk job. */
export type JobStatus = qa.JobStatus;

/** A per-item error of a bulk job (the emulator always names the field). */
export type JobItemError = Stored<qa.JobItemError>;

/** A per-item success of a bulk job. */
export type JobItemResult = qa.JobItemResult;

/** A bulk interactions job. */
export type JobRecord = Stored<Omit<Known<qa.Job>, 'errors'>> & {
  type: 'bulk_interactions';
  errors: JobItemError[];
  completed_at: string | null;
};

/** Names of the seeded read-only collections. */
export type SeededCollection =
  | 'coachings'
  | 'learning-results'
  | 'campaigns'
  | 'calibrations'
  | 'evaluations'
  | 'scorecards'
  | 'roles';

export type { PlayvoxTruth } from './truth.js';
