// Runs the Gladly client against the emulator: `npm run build && node packages/gladly/examples/quickstart.mjs`
import { createServer } from 'node:http';
import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { agentStatusOf, Gladly, WebhookEnabledError } from '@voxbridge/gladly';

const emulator = await startGladlyEmulator({ seed: 1 });
// Eight simulated hours of agents and conversations, ending now.
emulator.generateBacklog({ hours: 8, agents: 10 });

const gladly = new Gladly({ baseUrl: emulator.url }, GLADLY_DEFAULT_CREDENTIALS);

const agents = await gladly.agents.list();
const inboxes = await gladly.inboxes.list();
console.log(
  `${agents.length} agents; inboxes: ${inboxes.map((inbox) => `${inbox.id}|${inbox.name}`).join(', ')}`,
);

// Agent statuses as the Playvox WFM connector names them, from the Events API.
const statuses = new Map();
for await (const event of gladly.events.stream({
  startAt: Date.now() - 9 * 3_600_000,
  entities: ['AGENT_STATUS', 'AGENT_AVAILABILITY'],
})) {
  const status = agentStatusOf(event);
  if (status) statuses.set(event.content.agentId, status);
}
for (const agent of agents.slice(0, 3)) console.log(`${agent.emailAddress}: ${statuses.get(agent.id)}`);

// Handle times from the work-session report.
const rows = await gladly.reports.workSessionEvents({
  startAtTime: new Date(Date.now() - 9 * 3_600_000),
  endAtTime: new Date(),
});
const handled = rows.filter((row) => row.workSessionHandleTimeSec !== null);
const average = handled.reduce((sum, row) => sum + row.workSessionHandleTimeSec, 0) / handled.length;
console.log(`${rows.length} work sessions, average handle time ${Math.round(average)} s`);

// A webhook for conversation events: the receiver must answer Gladly's PING with 200.
const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const webhook = await gladly.webhooks.create({
  name: 'Playvox WFM',
  url: `http://127.0.0.1:${receiver.address().port}/gladly`,
  events: ['CONVERSATION/CREATED', 'CONVERSATION/CLOSED'],
  enabled: true,
  headers: { 'X-Gladly-Token': 'shared-secret' },
});
console.log(`webhook ${webhook.id} enabled=${webhook.enabled} headerKeys=${webhook.headerKeys}`);
try {
  await gladly.webhooks.delete(webhook.id);
} catch (error) {
  if (!(error instanceof WebhookEnabledError)) throw error;
  console.log(`refused: ${error.message}`);
  await gladly.webhooks.delete(webhook.id, { disableFirst: true });
}

receiver.close();
await emulator.close();
