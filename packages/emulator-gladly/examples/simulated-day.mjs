// A simulated contact-centre day on the Gladly emulator: `npm run build && node packages/emulator-gladly/examples/simulated-day.mjs`
import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';

const emulator = await startGladlyEmulator({ seed: 1 });
const auth = `Basic ${Buffer.from(`${GLADLY_DEFAULT_CREDENTIALS.email}:${GLADLY_DEFAULT_CREDENTIALS.apiToken}`).toString('base64')}`;
const post = (path, body) =>
  fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// "A simulated day": 10 agents, 8 hours of history ending now.
console.log(await (await post('/_emulator/activity', { agents: 10, hours: 8, seed: 1 })).json());

// Live traffic from here on; jump the clock an hour ahead.
await post('/_emulator/activity', { action: 'start' });
await post('/_emulator/clock', { advanceMs: 3_600_000 });

// The last hour through the Events API (JSON lines).
const startAt = new Date(emulator.clock.now() - 3_600_000).toISOString();
const events = await fetch(
  `${emulator.url}/api/v1/events?startAt=${startAt}&entities=AGENT_STATUS&entities=CONVERSATION`,
  { headers: { authorization: auth } },
);
const lines = (await events.text()).trim().split('\n');
console.log(`${lines.length} events in the last hour, e.g. ${lines[0]}`);

// Wind down and read the truth: every agent's status changes, conversations per inbox.
await post('/_emulator/activity', { action: 'stop', drain: true });
const truth = await (await fetch(`${emulator.url}/_emulator/truth`)).json();
for (const agent of truth.agents.slice(0, 2))
  console.log(
    agent.emailAddress,
    agent.statuses
      .slice(-4)
      .map((entry) => entry.status)
      .join(' → '),
  );
for (const inbox of truth.inboxes)
  console.log(
    `${inbox.name}: ${inbox.conversationsCreated.length} created, ${inbox.conversationsClosed.length} closed`,
  );

await emulator.close();
