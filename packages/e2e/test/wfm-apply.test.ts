import {
  applyWfm,
  createWfmClients,
  describeLintFinding,
  describeWfmStep,
  gladlyStatusVocabulary,
  liveVoxStatusVocabulary,
} from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { trackWorlds, worldConfig } from './wfm-helpers.js';

const tracked = trackWorlds();
const world = () =>
  tracked.world({ gladly: true, livevox: true, users: [{ email: 'ava.abbott@example.com' }] });

describe('applyWfm', () => {
  it('creates the seed task table and the inbox and service workstreams, then changes nothing', async () => {
    const w = await world();
    const config = worldConfig(w);
    const clients = createWfmClients(config);

    const dry = await applyWfm(config, clients, { dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.lint.filter((finding) => finding.severity === 'error')).toEqual([]);
    const lines = dry.plan.map(describeWfmStep);
    expect(lines).toContain(
      '+ create WFM task definition "Agent Status – Went Away" (gladly: /Break|Lunch|Meeting|Other|WENT_AWAY/, livevox: /NOT_READY(:.*)?/)',
    );
    expect(lines).toContain(
      '+ create WFM task definition "Agent Status – Availability Updated" (gladly: /AvailableFor:.*|Unavailable/, livevox: /READY/)',
    );
    expect(lines.filter((line) => line.startsWith('+ create WFM workstream'))).toHaveLength(3 + 3);
    expect(lines.some((line) => line.includes('Legacy_Email'))).toBe(false);
    expect(lines.find((line) => line.startsWith('+ create Gladly webhook'))).toContain(
      'disabled until the bridge runs',
    );
    expect((await clients.wfm.taskDefinitions()).length).toBe(0);

    const applied = await applyWfm(config, clients);
    expect(applied.applied).toBe(true);
    expect(applied.webhookId).toBeDefined();
    const tasks = await clients.wfm.taskDefinitions();
    expect(tasks.map((task) => task.name).sort()).toEqual([
      'Agent Status – Availability Updated',
      'Agent Status – In Call',
      'Agent Status – Logged In',
      'Agent Status – Logged Out',
      'Agent Status – Returned from Away',
      'Agent Status – Went Away',
      'Agent Status – Wrap Up',
    ]);
    const inboxes = await clients.gladly!.inboxes.list();
    const support = inboxes.find((inbox) => inbox.name === 'Customer_Support')!;
    const workstreams = await clients.wfm.workstreams();
    expect(workstreams.find((ws) => ws.name === 'Customer_Support')!.integrationIdentifiers).toEqual({
      gladly: `${support.id}|Customer_Support`,
    });
    expect(workstreams.find((ws) => ws.name === 'Inbound Support')!.integrationIdentifiers).toEqual({
      livevox: '38049|Inbound Support',
    });
    const [webhook] = await clients.gladly!.webhooks.list();
    expect(webhook).toMatchObject({
      url: `${w.server.url}/webhooks/gladly`,
      enabled: false,
      hasCredentials: true,
    });

    const again = await applyWfm(config, clients);
    expect(again.plan.filter((step) => step.action !== 'note')).toEqual([]);
    expect(again.plan.map(describeWfmStep)).toEqual([
      expect.stringContaining('is disabled; the running bridge enables it'),
    ]);

    // The seed's table matches every status each source produces, exactly once.
    const user = 'ava.abbott@example.com';
    const at = (i: number) => new Date(Date.UTC(2026, 2, 2, 8, i)).toISOString();
    const gladlyStatuses = gladlyStatusVocabulary(['Break', 'Lunch', 'Meeting', 'Other']);
    const sent = await clients.wfm.sendAgentStatuses(
      'gladly',
      gladlyStatuses.map((status, i) => ({ eventId: `g${i}`, userEmail: user, status, timestamp: at(i) })),
    );
    expect(sent.matches).toEqual({
      matched: gladlyStatuses.length,
      unmatched: 0,
      ambiguous: 0,
      unknown_user: 0,
    });
    const livevoxStatuses = liveVoxStatusVocabulary(['BREAK', 'LUNCH']);
    const lv = await clients.wfm.sendAgentStatuses(
      'livevox',
      livevoxStatuses.map((status, i) => ({ eventId: `l${i}`, userEmail: user, status, timestamp: at(i) })),
    );
    expect(lv.matches.matched).toBe(livevoxStatuses.length);
    const contacts = await clients.wfm.sendContacts('gladly', [
      { eventId: 'c1', event: 'created', contactId: 'conv-1', workstream: support.id, startTime: at(1) },
    ]);
    expect(contacts.results[0]).toMatchObject({
      match: 'matched',
      workstreamId: workstreams.find((ws) => ws.name === 'Customer_Support')!.id,
    });
  });

  it('reports a regular expression that matches nothing, and still applies', async () => {
    const w = await world();
    const config = worldConfig(w, {
      wfm: {
        taskDefinitions: [
          { name: 'Logged In', identifiers: { gladly: 'LOGGED_IN', livevox: 'LOGON' } },
          { name: 'Coffee', identifiers: { gladly: 'COFFEE_BREAK' } },
        ],
        workstreams: { gladlyInboxes: 'none', livevoxServices: 'none' },
      },
    });
    const result = await applyWfm(config, createWfmClients(config));
    const nothing = result.lint.filter((finding) => finding.kind === 'matches-nothing');
    expect(nothing).toEqual([
      expect.objectContaining({
        severity: 'warning',
        source: 'gladly',
        names: ['Coffee'],
        subject: 'COFFEE_BREAK',
      }),
    ]);
    expect(describeLintFinding(nothing[0]!)).toBe(
      '⚠ matches-nothing: task definition "Coffee": gladly identifier /COFFEE_BREAK/ matches none of the 24 sample values',
    );
    expect(
      result.lint.some((finding) => finding.kind === 'unmatched-value' && finding.subject === 'LOGGED_OUT'),
    ).toBe(true);
    expect(result.applied).toBe(true);
    expect((await w.wfm.taskDefinitions()).map((task) => task.name)).toEqual(['Logged In', 'Coffee']);
  });

  it('stops before sending anything when an identifier is invalid or two overlap: the configuration is refused at load', async () => {
    const w = await world();
    // Since the cross-field rules run at load, such a file never reaches apply (or run): both problems
    // are named, with their YAML paths, and nothing is sent to Playvox WFM or Gladly.
    const load = () =>
      worldConfig(w, {
        wfm: {
          taskDefinitions: [
            { name: 'Logged In', identifiers: { gladly: 'LOGGED_IN' } },
            { name: 'Any login change', identifiers: { gladly: 'LOGGED_.*' } },
            { name: 'Broken', identifiers: { livevox: 'NOT_READY(' } },
          ],
        },
      });
    expect(load).toThrow(
      /wfm\.taskDefinitions\[2\]\.identifiers\.livevox: task definition "Broken": livevox identifier \/NOT_READY\(\/ is not a valid regular expression/,
    );
    expect(load).toThrow(
      /wfm\.taskDefinitions: gladly status "LOGGED_IN" matches 2 task definitions \("Logged In", "Any login change"\)/,
    );
    expect(await w.wfm.taskDefinitions()).toEqual([]);
    expect(await w.wfm.workstreams()).toEqual([]);
  });

  it('keeps identifiers of other integrations on existing records and only updates what differs', async () => {
    const w = await world();
    await w.wfm.createTaskDefinition({
      name: 'Agent Status – Logged In',
      isPaid: true,
      integrationIdentifiers: { five9: 'Login', gladly: 'LOGIN' },
    });
    const config = worldConfig(w, {
      wfm: { workstreams: { gladlyInboxes: 'none', livevoxServices: [{ id: 1, name: 'Queue.One' }] } },
    });
    const result = await applyWfm(config, createWfmClients(config));
    const update = result.plan.find((step) => step.action === 'update-task');
    expect(update && describeWfmStep(update)).toBe(
      '~ update WFM task definition "Agent Status – Logged In": taskIdentifier → "LOGGED_IN", integrationIdentifiers → {"five9":"Login","gladly":"LOGGED_IN","livevox":"LOGON"}',
    );
    const task = (await w.wfm.taskDefinitions()).find((t) => t.name === 'Agent Status – Logged In')!;
    expect(task.integrationIdentifiers).toEqual({ five9: 'Login', gladly: 'LOGGED_IN', livevox: 'LOGON' });
    const queue = (await w.wfm.workstreams()).find((ws) => ws.name === 'Queue.One')!;
    expect(queue.integrationIdentifiers).toEqual({ livevox: '1|Queue\\.One' });
  });
});
