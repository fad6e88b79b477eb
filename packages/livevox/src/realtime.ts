import { DeprecatedAgentEventApi, DeprecatedCallEventsApi } from './realtime-deprecated.js';
import { AgentEventsApi, InteractionEventsApi, type ResolvedFeedTuning } from './realtime-feeds.js';
import { CallDataApi, CampaignApi, ServiceApi } from './realtime-stats.js';
import type { Send } from './transport.js';

/** The Real-Time Reporting API (`lv.realtime`): current-day events and statistics. */
export class RealtimeApi {
  /** The Agent Event Feed. */
  readonly agentEvents: AgentEventsApi;
  /** The Interaction Event feeds (long poll and SSE). */
  readonly interactionEvents: InteractionEventsApi;
  /** In-call and post-call metadata. */
  readonly callData: CallDataApi;
  /** Campaign Level Statistics. */
  readonly campaign: CampaignApi;
  /** Service and agent statistics. */
  readonly service: ServiceApi;
  /**
   * The Call Event and Call Event Feed methods.
   * @deprecated Deprecated by LiveVox in LV19: use {@link RealtimeApi.interactionEvents}.
   */
  readonly callEvents: DeprecatedCallEventsApi;
  /**
   * The Agent Event method.
   * @deprecated Deprecated by LiveVox in LV19: use {@link RealtimeApi.agentEvents}.
   */
  readonly agentEvent: DeprecatedAgentEventApi;

  /** @param send the client's authenticated request function. */
  constructor(send: Send, tuning: ResolvedFeedTuning) {
    this.agentEvents = new AgentEventsApi(send, tuning);
    this.interactionEvents = new InteractionEventsApi(send, tuning);
    this.callData = new CallDataApi(send);
    this.campaign = new CampaignApi(send);
    this.service = new ServiceApi(send);
    this.callEvents = new DeprecatedCallEventsApi(send, tuning);
    this.agentEvent = new DeprecatedAgentEventApi(send, tuning);
  }
}
