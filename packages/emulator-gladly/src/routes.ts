import type { Clock, Router } from '@voxbridge/emulator-kit';
import {
  getAgent,
  getConversation,
  getConversationItem,
  getInbox,
  getTeam,
  listAgents,
  listConversationItems,
  listInboxes,
  listTeams,
} from '@voxbridge/gladly/wire';
import type { GladlyEmulatorConfig } from './config.js';
import { serveGladly } from './contract.js';
import type { WebhookDispatcher } from './delivery.js';
import { notFound } from './errors.js';
import type { GladlySimulator } from './simulator.js';
import type { WebhookStore } from './webhooks.js';

/** What the API routes work with. */
export interface ApiDeps {
  simulator: GladlySimulator;
  store: WebhookStore;
  dispatcher: WebhookDispatcher;
  clock: Clock;
  config: () => GladlyEmulatorConfig;
}

export { GLADLY_API_PREFIX as API_PREFIX } from '@voxbridge/gladly/wire';

/** Agents, teams, inboxes, conversations and conversation items. */
export function addResourceRoutes(router: Router, deps: ApiDeps): void {
  const { simulator } = deps;
  const ok = (body: unknown) => ({ status: 200, body });
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw notFound(what);
    return value;
  };
  serveGladly(router, listAgents, () => {
    simulator.catchUp();
    return ok(simulator.agents());
  });
  serveGladly(router, getAgent, (ctx) => {
    simulator.catchUp();
    return ok(
      found(
        simulator.agents().find((agent) => agent.id === ctx.params.agentId),
        'agent',
      ),
    );
  });
  serveGladly(router, listTeams, () => ok(simulator.teams()));
  serveGladly(router, getTeam, (ctx) =>
    ok(
      found(
        simulator.teams().find((team) => team.id === ctx.params.teamId),
        'team',
      ),
    ),
  );
  serveGladly(router, listInboxes, () => ok(simulator.inboxes()));
  serveGladly(router, getInbox, (ctx) =>
    ok(
      found(
        simulator.inboxes().find((inbox) => inbox.id === ctx.params.inboxId),
        'inbox',
      ),
    ),
  );
  serveGladly(router, listConversationItems, (ctx) => {
    simulator.catchUp();
    return ok(found(simulator.conversationItems(ctx.params.conversationId!), 'conversation'));
  });
  serveGladly(router, getConversation, (ctx) => {
    simulator.catchUp();
    return ok(found(simulator.conversation(ctx.params.conversationId!), 'conversation'));
  });
  serveGladly(router, getConversationItem, (ctx) => {
    simulator.catchUp();
    return ok(found(simulator.conversationItem(ctx.params.itemId!), 'conversation item'));
  });
}
