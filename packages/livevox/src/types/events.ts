import type { z } from 'zod';
import type {
  AGENT_EVENT_TYPES,
  agentEventSchema,
  CALL_EVENT_TYPES,
  callEventSchema,
  interactionEventSchema,
} from '../wire/events.js';

// The event types are the contract's item schemas (`@voxbridge/livevox/wire`) plus the Date fields the
// client adds while reading a page.

/** Agent states an agent event reports (the API may add others). */
export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number] | (string & {});

/**
 * One agent state change from the Agent Event Feed (`POST /realtime/agentEvent/feed`), with every field
 * the seed shows (see `agentEventSchema`). Fields are optional because LiveVox leaves out what does not
 * apply.
 */
export type AgentEvent = z.output<typeof agentEventSchema> & {
  /** Added by the client: `timestamp` read with `parseLiveVoxTime`. */
  occurredAt: Date | undefined;
};

/** Voice call event kinds of the Interaction Event feeds. */
export type CallEventType = (typeof CALL_EVENT_TYPES)[number] | (string & {});

/**
 * One event of the Interaction Event feeds (long-poll `POST /realtime/event/feed` and SSE
 * `POST /realtime/event/feed/sse`): voice call start, disposition and termination, outbound e-mail and
 * outbound SMS (see `interactionEventSchema`). Ids and numbers arrive as numbers or strings; `"null"` (a
 * string) appears where a value is missing.
 */
export type InteractionEvent = z.output<typeof interactionEventSchema> & {
  /** Added by the client: `timestamp` read with `parseLiveVoxTime`. */
  occurredAt: Date | undefined;
  /** Added by the client: `start`, else `callStartTime`, read with `parseLiveVoxTime`. */
  startedAt: Date | undefined;
  /** Added by the client: `end` read with `parseLiveVoxTime`. */
  endedAt: Date | undefined;
};

/**
 * One event of the deprecated Call Event methods (`POST /realtime/callEvent/feed`), with the fields
 * public clients read (see `callEventSchema`). Replaced by {@link InteractionEvent}.
 */
export type CallEvent = z.output<typeof callEventSchema> & {
  /** Added by the client: `timestamp`, else `start`, read with `parseLiveVoxTime`. */
  occurredAt: Date | undefined;
  /** Added by the client: `start` read with `parseLiveVoxTime`. */
  startedAt: Date | undefined;
  /** Added by the client: `end` read with `parseLiveVoxTime`. */
  endedAt: Date | undefined;
};
