import type { SeededRandom } from '@voxbridge/emulator-kit';
import { DIGITAL_SERVICE, OUTBOUND_SERVICE, TIMEZONE_WEIGHTS, TIMEZONES } from './model.js';

/** What a campaign dials or sends. */
export type CampaignChannel = 'VOICE' | 'SMS' | 'EMAIL';

/** A loaded campaign: records uploaded, loaded after scrubbing, and still to be worked, by time zone. */
export interface Campaign {
  index: number;
  id: number;
  /** Service index. */
  service: number;
  channel: CampaignChannel;
  /** LiveVox campaign type id (`campaignTypeId` in SMS/email events). */
  campaignTypeId: string;
  uploaded: number;
  loaded: number;
  remaining: number;
  /** Remaining records per time zone, in the order of TIMEZONES. */
  remainingByTimezone: number[];
}

const FIRST_CAMPAIGNS: Record<CampaignChannel, { id: number; size: number; typeId: string }> = {
  VOICE: { id: 751_740_268, size: 5000, typeId: '1' },
  SMS: { id: 751_740_258, size: 3000, typeId: '6' },
  EMAIL: { id: 751_740_257, size: 3000, typeId: '11' },
};

/**
 * The campaigns of the day. Each channel works one active campaign; when its records run out the
 * next campaign of the same size is loaded, so long runs and big backlogs never starve.
 */
export class CampaignBook {
  readonly campaigns: Campaign[] = [];
  private readonly active = new Map<CampaignChannel, Campaign>();
  private nextId = 751_740_300;

  constructor() {
    for (const channel of ['VOICE', 'SMS', 'EMAIL'] as const) this.load(channel, FIRST_CAMPAIGNS[channel].id);
  }

  /** Takes one record of the channel's active campaign; returns the campaign row and the record's time zone. */
  take(channel: CampaignChannel, random: SeededRandom): { campaign: number; timezone: number } {
    let campaign = this.active.get(channel) as Campaign;
    if (campaign.remaining === 0) campaign = this.load(channel, this.nextId++);
    let roll = random.next() * campaign.remaining;
    let timezone = 0;
    for (; timezone < TIMEZONES.length - 1; timezone++) {
      roll -= campaign.remainingByTimezone[timezone] as number;
      if (roll < 0) break;
    }
    while ((campaign.remainingByTimezone[timezone] as number) === 0)
      timezone = (timezone + 1) % TIMEZONES.length;
    campaign.remainingByTimezone[timezone] = (campaign.remainingByTimezone[timezone] as number) - 1;
    campaign.remaining -= 1;
    return { campaign: campaign.index, timezone };
  }

  private load(channel: CampaignChannel, id: number): Campaign {
    const { size, typeId } = FIRST_CAMPAIGNS[channel];
    const loaded = size - Math.round(size * 0.03);
    const remainingByTimezone = TIMEZONE_WEIGHTS.map((weight) => Math.floor(loaded * weight));
    const spread = remainingByTimezone.reduce((sum, n) => sum + n, 0);
    remainingByTimezone[TIMEZONES.indexOf('ET')] =
      (remainingByTimezone[TIMEZONES.indexOf('ET')] as number) + loaded - spread;
    const campaign: Campaign = {
      index: this.campaigns.length,
      id,
      service: channel === 'VOICE' ? OUTBOUND_SERVICE : DIGITAL_SERVICE,
      channel,
      campaignTypeId: typeId,
      uploaded: size,
      loaded,
      remaining: loaded,
      remainingByTimezone,
    };
    this.campaigns.push(campaign);
    this.active.set(channel, campaign);
    return campaign;
  }
}
