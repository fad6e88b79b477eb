import type { Clock, RouteContext, Router } from '@voxbridge/emulator-kit';
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
import type { PoisonPlanter } from './poison.js';
import type { GladlySimulator } from './simulator.js';
import type { WebhookStore } from './webhooks.js';

/** What the API routes work with. */
export interface ApiDeps {
  simulator: GladlySimulator;
  store: WebhookStore;
  dispatcher: WebhookDispatcher;
  clock: Clock;
  config: () => GladlyEmulatorConfig;
  /** The poison switch (planted lines in streamed answers). */
  poison: PoisonPlanter;
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
  /** `GET …/{id}` of a resource list: the one item with that id, or 404 `not_exist`. */
  const byId =
    <T extends { id: string }>(list: () => T[], what: string) =>
    (ctx: RouteContext) => {
      simulator.catchUp();
      const id = Object.values(ctx.params)[0];
      return ok(
        found(
          list().find((item) => item.id === id),
          what,
        ),
      );
    };
  serveGladly(router, listAgents, () => {
    simulator.catchUp();
    return ok(simulator.agents());
  });
  serveGladly(
    router,
    getAgent,
    byId(() => simulator.agents(), 'agent'),
  );
  serveGladly(router, listTeams, () => ok(simulator.teams()));
  serveGladly(
    router,
    getTeam,
    byId(() => simulator.teams(), 'team'),
  );
  serveGladly(router, listInboxes, () => ok(simulator.inboxes()));
  serveGladly(
    router,
    getInbox,
    byId(() => simulator.inboxes(), 'inbox'),
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
