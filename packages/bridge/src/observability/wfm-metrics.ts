import type { Registry } from 'prom-client';
import {
  CONNECTION,
  CounterView,
  GaugeView,
  gaugeIn,
  sourceOfStream,
  startAtZero,
  zeroedCounter,
} from './metric-kit.js';
import { deadLettersCounter } from './metrics.js';

/** The WFM sources, the `source` label's known values. */
const SOURCES = ['gladly', 'livevox'];

/** The dead-letter stage of a WFM dead-letter reason: refused by WFM (`rejected`) or not translatable. */
function stageOfReason(reason: string | number | undefined): string {
  return reason === 'rejected' ? 'deliver' : 'map';
}

/**
 * The WFM connector's Prometheus metrics, registered on the bridge's registry. Each series carries
 * `connection`; dead letters go to the bridges' shared `voxbridge_dead_letters_total` with
 * `pipeline="wfm"`. Counters start at 0 for their known label values.
 */
export class WfmMetrics {
  /** `voxbridge_wfm_statuses_sent_total{connection,source}`: agent statuses WFM accepted (new ones). */
  readonly statusesSent: CounterView<'source', string>;
  /** `voxbridge_wfm_contacts_sent_total{connection,source}`: contact events WFM accepted. */
  readonly contactsSent: CounterView<'source', string>;
  /** `voxbridge_wfm_unmatched_total{connection,source,kind,reason}`: accepted but not placed on one user. */
  readonly unmatched: CounterView<'source' | 'kind' | 'reason', string>;
  /** `voxbridge_wfm_duplicates_total{connection,source}`: events WFM had already received. */
  readonly duplicates: CounterView<'source', string>;
  /** `voxbridge_wfm_webhook_deliveries_total{connection,outcome}`: Gladly webhook requests by outcome. */
  readonly webhookDeliveries: CounterView<'outcome', string>;
  /** `voxbridge_wfm_poll_gap_fills_total{connection,source}`: events a poll stored that no webhook brought. */
  readonly pollGapFills: CounterView<'stream', string>;
  /** `voxbridge_wfm_webhook_reenabled_total{connection,reason}`: the Gladly webhook found off and restored. */
  readonly webhookReenabled: CounterView<'reason', string>;
  /** `voxbridge_dead_letters_total{connection,pipeline="wfm",source,stage}`; callers pass the reason. */
  readonly deadLettered: CounterView<'source' | 'reason', string>;
  /** `voxbridge_wfm_users{connection,source,state}`: users after the last sync. */
  readonly users: GaugeView<'source' | 'state', string>;
  /** `voxbridge_wfm_poll_lag_seconds{connection,source}`: since the newest event a poll saw. */
  readonly pollLag: GaugeView<'stream', string>;

  constructor(registry: Registry, connection: string = CONNECTION) {
    const FIXED = { connection };
    const WFM = { connection, pipeline: 'wfm' };
    const perSource = (name: string, help: string) =>
      zeroedCounter(registry, {
        name,
        help,
        labelNames: ['connection', 'source'],
        fixed: FIXED,
        zero: { source: SOURCES },
      });
    this.statusesSent = perSource(
      'voxbridge_wfm_statuses_sent_total',
      'Agent statuses accepted by Playvox WFM',
    );
    this.contactsSent = perSource(
      'voxbridge_wfm_contacts_sent_total',
      'Contact events accepted by Playvox WFM',
    );
    this.duplicates = perSource('voxbridge_wfm_duplicates_total', 'Events Playvox WFM had already received');
    this.unmatched = zeroedCounter(registry, {
      name: 'voxbridge_wfm_unmatched_total',
      help: 'Events Playvox WFM kept without a single user match (reason: unmatched, ambiguous, unknown_user)',
      labelNames: ['connection', 'source', 'kind', 'reason'],
      fixed: FIXED,
      zero: {
        source: SOURCES,
        kind: ['status', 'contact'],
        reason: ['unmatched', 'ambiguous', 'unknown_user'],
      },
    });
    this.webhookDeliveries = zeroedCounter(registry, {
      name: 'voxbridge_wfm_webhook_deliveries_total',
      help: 'Gladly webhook requests received, by outcome',
      labelNames: ['connection', 'outcome'],
      fixed: FIXED,
      zero: { outcome: ['stored', 'duplicate', 'ping', 'unauthorized', 'invalid', 'error'] },
    });
    this.pollGapFills = zeroedCounter(registry, {
      name: 'voxbridge_wfm_poll_gap_fills_total',
      help: 'Events stored by a poll that no webhook delivery had brought',
      labelNames: ['connection', 'source'],
      fixed: FIXED,
      zero: { source: ['gladly'] },
      translate: (labels: { stream?: string | number }) => ({ source: sourceOfStream(labels.stream) }),
    });
    this.webhookReenabled = zeroedCounter(registry, {
      name: 'voxbridge_wfm_webhook_reenabled_total',
      help: 'Gladly webhook found disabled or missing and restored, by reason',
      labelNames: ['connection', 'reason'],
      fixed: FIXED,
      zero: { reason: ['missing', 'disabled', 'retry_limit'] },
    });

    const dead = deadLettersCounter(registry);
    startAtZero(dead, WFM, { source: SOURCES, stage: ['map', 'deliver'] });
    this.deadLettered = new CounterView(
      dead,
      WFM,
      (labels: { source?: string | number; reason?: string | number }) => ({
        source: String(labels.source),
        stage: stageOfReason(labels.reason),
      }),
    );

    this.users = new GaugeView(
      gaugeIn(registry, 'voxbridge_wfm_users', 'Users after the last user sync, by source and match state', [
        'connection',
        'source',
        'state',
      ]),
      FIXED,
    );
    this.pollLag = new GaugeView(
      gaugeIn(
        registry,
        'voxbridge_wfm_poll_lag_seconds',
        'Seconds between now and the newest event a poll saw',
        ['connection', 'source'],
      ),
      FIXED,
      (labels: { stream?: string | number }) => ({ source: sourceOfStream(labels.stream) }),
    );
  }
}
