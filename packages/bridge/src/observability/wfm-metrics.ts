import { Counter, Gauge, type Registry } from 'prom-client';

type Labels<L extends string> = readonly L[];

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: Labels<L>,
): Counter<L> {
  // A second connector on the same registry (a restart in one process) reuses the metrics.
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: Labels<L>,
): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

/** The WFM connector's Prometheus metrics, registered on the bridge's registry. */
export class WfmMetrics {
  /** Agent statuses WFM accepted (new, not repeated), by source. */
  readonly statusesSent: Counter<'source'>;
  /** Contact events WFM accepted, by source. */
  readonly contactsSent: Counter<'source'>;
  /** Events WFM accepted but could not place (`unmatched`, `ambiguous`, `unknown_user`), by source and kind. */
  readonly unmatched: Counter<'source' | 'kind' | 'reason'>;
  /** Events WFM answered as already received (a re-send after a lost answer or a restart). */
  readonly duplicates: Counter<'source'>;
  /** Webhook requests received, by outcome (`stored`, `duplicate`, `ping`, `unauthorized`, `invalid`). */
  readonly webhookDeliveries: Counter<'outcome'>;
  /** Events the Events API poll (or the work-session report) stored that no webhook had delivered. */
  readonly pollGapFills: Counter<'stream'>;
  /** Times the connector found the Gladly webhook disabled (or gone) and turned it back on. */
  readonly webhookReenabled: Counter<'reason'>;
  /** Events moved to the dead-letter store, by reason. */
  readonly deadLettered: Counter<'source' | 'reason'>;
  /** Users after the last sync: `matched`, `unmatched_source` (no WFM user), `unmatched_wfm` (no source agent). */
  readonly users: Gauge<'source' | 'state'>;
  /** Seconds since the last event the Gladly poll saw. */
  readonly pollLag: Gauge<'stream'>;

  constructor(registry: Registry) {
    this.statusesSent = counter(
      registry,
      'voxbridge_wfm_statuses_sent_total',
      'Agent statuses accepted by Playvox WFM',
      ['source'],
    );
    this.contactsSent = counter(
      registry,
      'voxbridge_wfm_contacts_sent_total',
      'Contact events accepted by Playvox WFM',
      ['source'],
    );
    this.unmatched = counter(
      registry,
      'voxbridge_wfm_unmatched_total',
      'Events Playvox WFM kept without a single match',
      ['source', 'kind', 'reason'],
    );
    this.duplicates = counter(
      registry,
      'voxbridge_wfm_duplicates_total',
      'Events Playvox WFM had already received',
      ['source'],
    );
    this.webhookDeliveries = counter(
      registry,
      'voxbridge_wfm_webhook_deliveries_total',
      'Gladly webhook requests received',
      ['outcome'],
    );
    this.pollGapFills = counter(
      registry,
      'voxbridge_wfm_poll_gap_fills_total',
      'Events stored by a poll that no webhook delivery had brought',
      ['stream'],
    );
    this.webhookReenabled = counter(
      registry,
      'voxbridge_wfm_webhook_reenabled_total',
      'Gladly webhook found disabled or missing and restored',
      ['reason'],
    );
    this.deadLettered = counter(
      registry,
      'voxbridge_wfm_dead_letters_total',
      'WFM events moved to the dead-letter store',
      ['source', 'reason'],
    );
    this.users = gauge(registry, 'voxbridge_wfm_users', 'Users after the last user sync', [
      'source',
      'state',
    ]);
    this.pollLag = gauge(
      registry,
      'voxbridge_wfm_poll_lag_seconds',
      'Seconds between now and the newest event a poll saw',
      ['stream'],
    );
  }
}
