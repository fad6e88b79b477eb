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
export type MetadataType = 'string' | 'integer' | 'float' | 'list' | 'boolean' | 'datetime';

/** Where a metadata field is usable in the Playvox UI. */
export type MetadataAvailability = 'filters' | 'display';

/** A metadata field of an integration. */
export interface MetadataField {
  _id: string;
  field_id: string;
  type: MetadataType;
  allowed: Array<string | number>;
  required: boolean;
  available_in: MetadataAvailability[];
}

/** A custom integration. */
export interface IntegrationRecord extends PlayvoxRecord {
  name: string;
  description: string;
  type: 'custom';
  status: 'active';
  settings: { data_storage_minutes: number };
  metadata: MetadataField[];
}

/** A metadata value of an interaction. */
export type MetadataValue = string | number | boolean | null | Array<string | number>;

/** An interaction sent by a client. */
export interface InteractionRecord extends PlayvoxRecord {
  /** The external system's id (not unique: Playvox does not deduplicate). */
  interaction_id: string;
  integration_id: string;
  assignee_id: string;
  metadata: Record<string, MetadataValue>;
}

/** Comment types. */
export type CommentType = 'customer_comment' | 'agent_comment' | 'internal_note';

/** A comment on an interaction. */
export interface CommentRecord extends PlayvoxRecord {
  /** The Playvox `_id` of the interaction. */
  interaction_id: string;
  body: string;
  type: CommentType;
  author_id: string;
  added_at: string;
}

/** A Playvox user. `integrations_<name>` keys carry external user ids. */
export interface UserRecord extends PlayvoxRecord {
  name: string;
  last_name: string;
  username: string;
  email: string;
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
}

/** A team. */
export interface TeamRecord extends PlayvoxRecord {
  name: string;
  description: string;
  status: 'active';
  default: boolean;
  team_leader_id: string[];
  users: string[];
  total_users: number;
}

/** A row of performance-campaign metrics as stored. */
export interface CampaignMetricRow {
  campaign_id: string;
  user_id: string;
  date: string;
  values: Record<string, number>;
  received_at: string;
}

/** Statuses of a bulk job. */
export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed';

/** A per-item error of a bulk job. */
export interface JobItemError {
  index: number;
  interaction_id: string | null;
  field: string;
  message: string;
}

/** A per-item success of a bulk job. */
export interface JobItemResult {
  index: number;
  interaction_id: string;
  _id: string;
}

/** A bulk interactions job. */
export interface JobRecord extends PlayvoxRecord {
  type: 'bulk_interactions';
  integration_id: string;
  status: JobStatus;
  total: number;
  total_processed: number;
  total_succeeded: number;
  total_failed: number;
  errors: JobItemError[];
  results: JobItemResult[];
  completed_at: string | null;
}

/** Names of the seeded read-only collections. */
export type SeededCollection =
  | 'coachings'
  | 'learning-results'
  | 'campaigns'
  | 'calibrations'
  | 'evaluations'
  | 'scorecards'
  | 'roles';

/** What `GET /_emulator/truth` answers: the ground truth end-to-end tests compare with. */
export interface PlayvoxTruth {
  integrations: Array<{ _id: string; name: string; interactions: number }>;
  interactions: { total: number; distinctInteractionIds: number; duplicates: string[] };
  comments: number;
  jobs: Record<JobStatus, number>;
}
