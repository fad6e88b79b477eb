import type { Clock, Router } from '@voxbridge/emulator-kit';
import type { GladlyEmulatorConfig } from './config.js';
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

/** Base path of every Gladly API route. */
export const API_PREFIX = '/api/v1';

/** Agents, teams, inboxes, conversations and conversation items. */
export function addResourceRoutes(router: Router, deps: ApiDeps): void {
  const { simulator } = deps;
  const ok = (body: unknown) => ({ status: 200, body });
  router
    .get(`${API_PREFIX}/agents`, () => {
      simulator.catchUp();
      return ok(simulator.agents());
    })
    .get(`${API_PREFIX}/agents/:agentId`, (ctx) => {
      simulator.catchUp();
      const agent = simulator.agents().find((candidate) => candidate.id === ctx.params.agentId);
      if (!agent) throw notFound('agent');
      return ok(agent);
    })
    .get(`${API_PREFIX}/teams`, () => ok(simulator.teams()))
    .get(`${API_PREFIX}/teams/:teamId`, (ctx) => {
      const team = simulator.teams().find((candidate) => candidate.id === ctx.params.teamId);
      if (!team) throw notFound('team');
      return ok(team);
    })
    .get(`${API_PREFIX}/inboxes`, () => ok(simulator.inboxes()))
    .get(`${API_PREFIX}/inboxes/:inboxId`, (ctx) => {
      const inbox = simulator.inboxes().find((candidate) => candidate.id === ctx.params.inboxId);
      if (!inbox) throw notFound('inbox');
      return ok(inbox);
    })
    .get(`${API_PREFIX}/conversations/:conversationId/items`, (ctx) => {
      simulator.catchUp();
      const items = simulator.conversationItems(ctx.params.conversationId!);
      if (!items) throw notFound('conversation');
      return ok(items);
    })
    .get(`${API_PREFIX}/conversations/:conversationId`, (ctx) => {
      simulator.catchUp();
      const conversation = simulator.conversation(ctx.params.conversationId!);
      if (!conversation) throw notFound('conversation');
      return ok(conversation);
    })
    .get(`${API_PREFIX}/conversation-items/:itemId`, (ctx) => {
      simulator.catchUp();
      const item = simulator.conversationItem(ctx.params.itemId!);
      if (!item) throw notFound('conversation item');
      return ok(item);
    });
}
