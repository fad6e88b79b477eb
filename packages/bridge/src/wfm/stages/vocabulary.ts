// The Gladly enumerations alone, not the Gladly client: configuration loading lints with these
// vocabularies, and `voxbridge status` loads the configuration.
import { AVAILABILITY_CHANNELS } from '@voxbridge/gladly/vocabulary';

/** Every non-empty combination of availability channels, in Gladly's order (`MAIL,VOICE`, …). */
function channelCombinations(): string[] {
  const out: string[] = [];
  const channels = [...AVAILABILITY_CHANNELS];
  for (let mask = 1; mask < 1 << channels.length; mask++) {
    out.push(channels.filter((_, i) => mask & (1 << i)).join(','));
  }
  return out;
}

/** The statuses the Gladly side can produce, for the regex lint. */
export function gladlyStatusVocabulary(
  awayReasons: readonly string[],
  extra: readonly string[] = [],
): string[] {
  return unique([
    'LOGGED_IN',
    'LOGGED_OUT',
    'WENT_AWAY',
    'RETURNED_FROM_AWAY',
    'Unavailable',
    ...channelCombinations().map((channels) => `AvailableFor:${channels}`),
    ...awayReasons,
    ...extra,
  ]);
}

/** The statuses the LiveVox side can produce, for the regex lint. */
export function liveVoxStatusVocabulary(
  notReadyReasons: readonly string[],
  extra: readonly string[] = [],
): string[] {
  return unique([
    'LOGON',
    'READY',
    'NOT_READY',
    ...notReadyReasons.map((reason) => `NOT_READY:${reason}`),
    'IN_CALL',
    'WRAP_UP',
    'LOGOFF',
    ...extra,
  ]);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
