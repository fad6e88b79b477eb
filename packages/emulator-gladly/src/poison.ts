/**
 * Poison items the emulator plants on request (`PUT /_emulator/poison`), so the bridge's tests can
 * check that one malformed item never blocks a feed: extra lines in Events API answers and export
 * files, and extra webhook POSTs with a malformed body. Real events are never replaced, so the truth
 * stays whole; each sample is malformed in a way Gladly's clients must survive.
 */
export const POISON_SAMPLES: readonly string[] = [
  // Not an object.
  '42',
  // Cut short (the rest of the object never came).
  '{"id":"poison-cut","type":"AGENT_STATUS/LOGGED_IN","timest',
  // No id.
  '{"type":"AGENT_STATUS/LOGGED_IN","timestamp":"2026-01-01T00:00:00.000Z","content":{}}',
  // An id of the wrong type.
  '{"id":7,"type":"AGENT_STATUS/LOGGED_IN","timestamp":"2026-01-01T00:00:00.000Z","content":{}}',
  // Wrong types for the timestamp and the content.
  '{"id":"poison-types","type":"AGENT_STATUS/LOGGED_IN","timestamp":"soon","content":"none"}',
];

/** The poison switch: what to plant. */
export interface PoisonSettings {
  /** After every this many lines of an Events API answer or export file, one poison line; 0: none. */
  linesEvery: number;
  /** The next this many webhook dispatches each also POST a poison body to every subscriber. */
  webhooks: number;
}

/** The poison switch and what it has planted (`GET /_emulator/poison`). */
export interface PoisonView extends PoisonSettings {
  planted: { lines: number; webhooks: number };
}

/** Plants poison items where the switch says, cycling through {@link POISON_SAMPLES}. */
export class PoisonPlanter {
  private settings: PoisonSettings = { linesEvery: 0, webhooks: 0 };
  private planted = { lines: 0, webhooks: 0 };

  /** Changes the switch (fields left out keep their value). */
  set(settings: Partial<PoisonSettings>): PoisonView {
    this.settings = { ...this.settings, ...settings };
    return this.view();
  }

  /** The switch and the counts planted so far. */
  view(): PoisonView {
    return { ...this.settings, planted: { ...this.planted } };
  }

  /** Turns the switch off and forgets the counts. */
  reset(): void {
    this.settings = { linesEvery: 0, webhooks: 0 };
    this.planted = { lines: 0, webhooks: 0 };
  }

  /** The lines (each ending in a newline) with poison lines planted between them. */
  plantLines(lines: string[]): string[] {
    const every = this.settings.linesEvery;
    if (every <= 0) return lines;
    const out: string[] = [];
    for (const [i, line] of lines.entries()) {
      out.push(line);
      if ((i + 1) % every === 0) {
        out.push(`${POISON_SAMPLES[this.planted.lines % POISON_SAMPLES.length]}\n`);
        this.planted.lines += 1;
      }
    }
    return out;
  }

  /** A poison webhook body for this dispatch, or undefined when none is due. */
  nextWebhook(): string | undefined {
    if (this.settings.webhooks <= 0) return undefined;
    this.settings.webhooks -= 1;
    const body = POISON_SAMPLES[this.planted.webhooks % POISON_SAMPLES.length];
    this.planted.webhooks += 1;
    return body;
  }
}
