import type { GladlyConfig } from '../config/wfm-schema.js';
import type { ExtraRoute } from '../observability/server.js';
import { type ConnectorContext, runConsumer } from './connector-context.js';
import { runPeriodically, Waker } from './loop.js';
import { ensureWebhook, pollGladlyEvents } from './sources/gladly-poll.js';
import { GLADLY_EVENT_STREAM, gladlyWebhookRoute, type ReceiverEvents } from './sources/gladly-webhook.js';
import { GLADLY_WORK_SESSION_STREAM, pollWorkSessions } from './sources/gladly-work-sessions.js';
import { GladlyEventTranslator, WorkSessionTranslator } from './stages/translate-gladly.js';

/** Wakers of the Gladly loops (the connector's `nudge()` wakes them all). */
export interface GladlyWakers {
  events: Waker;
  workSessions: Waker;
  poll: Waker;
  reports: Waker;
  watchdog: Waker;
}

/**
 * Starts the Gladly half of the connector: the webhook receiver and the hourly user sync on every
 * worker; the Events API poll, the webhook watchdog, the work-session report and the two consumers
 * (which wait for the first user sync) on the worker holding the Gladly stream's lease (`leased`).
 * Resolves when the first user sync has finished (or failed).
 */
export function startGladly(
  ctx: ConnectorContext,
  gladlyConfig: GladlyConfig,
  addRoute: ((route: ExtraRoute) => void) | undefined,
  wakers: GladlyWakers,
  leased: (stream: string, work: (owned: ConnectorContext) => Promise<unknown>) => void,
): Promise<unknown> {
  const { store, logger, metrics, signal, tasks } = ctx;
  const stats = {
    webhook: { stored: 0, duplicates: 0, pings: 0, unauthorized: 0, invalid: 0, restored: 0 },
    poll: { polls: 0, read: 0, inserted: 0, gapFills: 0 },
    workSessions: { polls: 0, rows: 0, inserted: 0 },
  } as NonNullable<ConnectorContext['stats']['gladly']>;
  ctx.stats.gladly = stats;

  if (gladlyConfig.webhook.password !== undefined && addRoute) {
    const events: ReceiverEvents = {
      received: (outcome, detail) => {
        metrics.webhookDeliveries.inc({ outcome });
        if (outcome !== 'error')
          stats.webhook[outcome === 'ping' ? 'pings' : outcome === 'duplicate' ? 'duplicates' : outcome] += 1;
        if (outcome === 'unauthorized' || outcome === 'invalid' || outcome === 'error')
          logger.warn({ outcome, detail }, 'Gladly webhook request refused');
      },
      stored: () => wakers.events.wake(),
    };
    const { path, username, password } = gladlyConfig.webhook;
    addRoute(
      gladlyWebhookRoute({ path, username, password, store, events, isActive: () => !signal.aborted }),
    );
  } else if (gladlyConfig.webhook.url !== undefined) {
    logger.warn(
      'Gladly webhook configured but no HTTP server to mount the receiver on: the Events API poll brings every event',
    );
  }

  const firstSync = ctx.syncUsers('gladly').catch(ctx.noteError('syncing Gladly users'));
  tasks.push(
    runPeriodically(async () => void (await ctx.syncUsers('gladly')), {
      intervalMs: gladlyConfig.users.syncIntervalMs,
      signal,
      onError: ctx.noteError('syncing Gladly users'),
      waker: new Waker(),
    }),
  );
  leased(GLADLY_EVENT_STREAM, (owned) => runGladlyStreams(owned, gladlyConfig, wakers, stats, firstSync));
  return firstSync;
}

/** The Gladly loops that move positions (one worker at a time); resolves when they have all ended. */
function runGladlyStreams(
  ctx: ConnectorContext,
  gladlyConfig: GladlyConfig,
  wakers: GladlyWakers,
  stats: NonNullable<ConnectorContext['stats']['gladly']>,
  firstSync: Promise<unknown>,
): Promise<unknown> {
  const gladly = ctx.clients.gladly!;
  const { store, logger, metrics, signal, now } = ctx;
  const loops: Array<Promise<void>> = [];
  const every = (
    intervalMs: number,
    context: string,
    waker: Waker,
    task: (signal: AbortSignal) => Promise<void>,
  ) => loops.push(runPeriodically(task, { intervalMs, signal, onError: ctx.noteError(context), waker }));

  every(gladlyConfig.poll.intervalMs, 'polling the Gladly Events API', wakers.poll, async (s) => {
    const outcome = await pollGladlyEvents({ gladly, store, config: gladlyConfig, now }, s);
    stats.poll.polls += 1;
    stats.poll.read += outcome.read;
    stats.poll.inserted += outcome.inserted;
    stats.poll.gapFills += outcome.gapFills;
    stats.poll.lastPollAt = new Date(now()).toISOString();
    stats.poll.checkpoint = (await store.getCheckpoint(GLADLY_EVENT_STREAM))?.token;
    if (outcome.gapFills > 0) metrics.pollGapFills.inc({ stream: GLADLY_EVENT_STREAM }, outcome.gapFills);
    if (stats.poll.checkpoint)
      metrics.pollLag.set(
        { stream: GLADLY_EVENT_STREAM },
        Math.max(0, (now() - Date.parse(stats.poll.checkpoint)) / 1000),
      );
    const exported = outcome.fromExports;
    if (exported.window)
      logger.warn(
        {
          from: new Date(exported.window.startAt).toISOString(),
          to: new Date(exported.window.endAt).toISOString(),
          read: exported.read,
          inserted: exported.inserted,
        },
        'filled the Gladly agent-status gap past the Events API 24 hours from the export jobs',
      );
    if (outcome.lostMs > 0) {
      logger.error(
        { lostHours: +(outcome.lostMs / 3_600_000).toFixed(2) },
        'Gladly events older than the Events API keeps (24 h) were never read: that stretch is missing in WFM',
      );
    }
    if (outcome.inserted > 0) wakers.events.wake();
  });
  let firstCheck = true;
  every(gladlyConfig.webhook.checkIntervalMs, 'checking the Gladly webhook', wakers.watchdog, async (s) => {
    const { check, webhook } = await ensureWebhook(gladly, gladlyConfig, store, s);
    stats.webhook.lastCheck = check;
    const starting = firstCheck;
    firstCheck = false;
    if (check !== 'enabled' && check !== 'created') return;
    const reason =
      check === 'created' ? 'missing' : webhook?.disabledAtDueToRetryLimit ? 'retry_limit' : 'disabled';
    if (starting && reason !== 'retry_limit') {
      // `apply` leaves a new webhook disabled until a receiver can answer Gladly's PING: this is that moment.
      logger.info({ webhookId: webhook?.id }, 'Gladly webhook enabled; its PING reached the receiver');
      return;
    }
    stats.webhook.restored += 1;
    metrics.webhookReenabled.inc({ reason });
    logger.warn(
      { webhookId: webhook?.id, reason },
      'Gladly webhook was not active; restored it (the Events API poll fills the gap)',
    );
    wakers.poll.wake();
  });
  if (gladlyConfig.workSessions.enabled) {
    every(
      gladlyConfig.workSessions.intervalMs,
      'reading the Gladly work-session report',
      wakers.reports,
      async (s) => {
        const outcome = await pollWorkSessions({ gladly, store, config: gladlyConfig, now }, s);
        stats.workSessions.polls += 1;
        stats.workSessions.rows += outcome.rows;
        stats.workSessions.inserted += outcome.inserted;
        stats.workSessions.lastPollAt = new Date(now()).toISOString();
        if (outcome.inserted > 0) wakers.workSessions.wake();
      },
    );
  }
  const afterSync = (start: () => Promise<void>) =>
    loops.push(firstSync.then(() => (signal.aborted ? undefined : start())));
  afterSync(() =>
    runConsumer(
      ctx,
      'gladly',
      GLADLY_EVENT_STREAM,
      'wfm:gladly:events',
      new GladlyEventTranslator(gladly, ctx.directory, ctx.memory.openConversations),
      wakers.events,
    ),
  );
  afterSync(() =>
    runConsumer(
      ctx,
      'gladly',
      GLADLY_WORK_SESSION_STREAM,
      'wfm:gladly:work-sessions',
      new WorkSessionTranslator(ctx.directory),
      wakers.workSessions,
    ),
  );
  return Promise.all(loops);
}
