import type { ClockScheduler, ScheduledTask, SeededRandom } from '@voxbridge/emulator-kit';
import type { SimulationConfig } from './config.js';
import type { Contact, ContactChannel } from './model.js';
import type { AgentRuntime, OrgState } from './org-state.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Minutes an away reason lasts: [shortest, longest]. */
const AWAY_MINUTES: Record<string, [number, number]> = {
  Break: [10, 20],
  Lunch: [30, 45],
  Meeting: [20, 60],
  Other: [5, 20],
};
const AWAY_WEIGHTS: Array<[string, number]> = [
  ['Break', 45],
  ['Lunch', 20],
  ['Meeting', 20],
  ['Other', 15],
];
const HANDLE_FACTOR: Partial<Record<ContactChannel, number>> = {
  PHONE_CALL: 1,
  CHAT: 1.3,
  EMAIL: 0.6,
  SMS: 1.5,
};
/** Mean minutes a waiting customer stays before abandoning (emails never abandon). */
const PATIENCE_MINUTES: Partial<Record<ContactChannel, number>> = { PHONE_CALL: 3, CHAT: 5, SMS: 20 };

/**
 * The random day of a contact centre: shifts with logins and logouts, breaks and auto-away, availability
 * changes, conversations arriving in inboxes, contacts handled, abandoned and wrapped up. Every
 * decision comes from one seeded random source in the order tasks run, so a seed gives the same day.
 */
export class TrafficGenerator {
  private running = false;
  private readonly agentTasks = new Map<string, ScheduledTask[]>();
  private readonly shiftEnds = new Map<string, number>();
  private readonly nextLogin = new Map<string, number>();
  private readonly awayUntil = new Map<string, { at: number; autoLogout: boolean }>();
  private readonly hadLunch = new Set<string>();
  private readonly closeAt = new Map<string, number>();

  constructor(
    private readonly state: OrgState,
    private readonly scheduler: ClockScheduler,
    private readonly random: SeededRandom,
    private readonly config: () => SimulationConfig,
  ) {
    state.hooks = {
      contactQueued: (contact, at) => this.onQueued(contact, at),
      contactAccepted: (contact, at) => this.onAccepted(contact, at),
      contactEnded: (contact, agent, at) => this.onEnded(contact, agent, at),
    };
  }

  /** Whether traffic is being generated. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Starts (or resumes) traffic at simulated time `at`, planning from the organisation's current state. */
  start(at: number): void {
    if (this.running) return;
    this.running = true;
    this.state.maxConcurrentContacts = this.config().maxConcurrentContacts;
    for (const agentId of this.state.agents.keys()) this.plan(agentId, at, true);
    for (const contact of this.state.contacts.values()) {
      if (contact.status !== 'ACTIVE') continue;
      if (contact.acceptedAt === undefined) this.onQueued(contact, at);
      else if (contact.plannedEndAt !== undefined)
        this.scheduleEnd(contact, Math.max(contact.plannedEndAt, at));
      else this.onAccepted(contact, at);
    }
    for (const [conversationId, closeAt] of this.closeAt)
      this.scheduleClose(conversationId, Math.max(closeAt, at));
    this.scheduleArrival(at);
  }

  /** Stops generating traffic; the organisation stays as it is. */
  stop(): void {
    this.running = false;
    this.scheduler.clear();
    this.agentTasks.clear();
  }

  /** Re-plans an agent after an action taken by hand (tests, admin API) while traffic runs. */
  replan(agentId: string, at: number): void {
    if (this.running) this.plan(agentId, at, false);
  }

  private plan(agentId: string, at: number, initial: boolean): void {
    for (const task of this.agentTasks.get(agentId) ?? []) task.cancel();
    const tasks: ScheduledTask[] = [];
    this.agentTasks.set(agentId, tasks);
    const agent = this.state.agent(agentId);
    const sim = this.config();
    const schedule = (when: number, action: (t: number) => void) =>
      tasks.push(this.scheduler.at(Math.max(when, at), action));
    if (!agent.loggedIn) {
      let loginAt =
        this.nextLogin.get(agentId) ??
        at +
          (initial ? this.random.next() * sim.loginSpreadMinutes * MINUTE : this.random.int(3, 15) * MINUTE);
      const shiftEnd = this.shiftEnds.get(agentId);
      if (shiftEnd !== undefined && loginAt >= shiftEnd) {
        // The shift ended while the agent was logged out: the next login opens the next shift.
        this.shiftEnds.delete(agentId);
        loginAt = Math.max(loginAt, shiftEnd + sim.offShiftHours * HOUR);
        this.nextLogin.set(agentId, loginAt);
      }
      schedule(loginAt, (t) => this.startShift(agentId, t));
      return;
    }
    if (agent.leaving) {
      // Normally the last contact's end logs a leaving agent out; this covers contacts ended by hand.
      if (agent.activeContacts.size === 0) schedule(at, (t) => this.logoutAndPlan(agentId, t));
      return;
    }
    let shiftEnd = this.shiftEnds.get(agentId);
    if (shiftEnd === undefined) {
      shiftEnd = at + sim.shiftHours * HOUR;
      this.shiftEnds.set(agentId, shiftEnd);
    }
    schedule(shiftEnd, (t) => this.endShift(agentId, t));
    if (agent.away) {
      const planned = this.awayUntil.get(agentId) ?? {
        at: at + this.random.exponential(10 * MINUTE),
        autoLogout: false,
      };
      this.awayUntil.set(agentId, planned);
      schedule(planned.at, (t) => this.comeBack(agentId, t));
      return;
    }
    const next = at + this.random.exponential(sim.meanMinutesBetweenStatusChanges * MINUTE);
    if (next < shiftEnd - 10 * MINUTE) schedule(next, (t) => this.lifeEvent(agentId, t));
  }

  private startShift(agentId: string, at: number): void {
    this.nextLogin.delete(agentId);
    const shiftEnd = this.shiftEnds.get(agentId);
    if (shiftEnd === undefined || shiftEnd <= at) {
      this.shiftEnds.set(agentId, at + this.config().shiftHours * HOUR);
      this.hadLunch.delete(agentId);
    }
    const agent = this.state.agent(agentId);
    this.state.login(agentId, at);
    this.state.setAvailability(agentId, at, agent.profile.skills);
    this.plan(agentId, at, false);
  }

  private endShift(agentId: string, at: number): void {
    const agent = this.state.agent(agentId);
    this.shiftEnds.delete(agentId);
    this.awayUntil.delete(agentId);
    this.nextLogin.set(agentId, at + this.config().offShiftHours * HOUR);
    if (agent.away || agent.activeContacts.size === 0) this.state.logout(agentId, at);
    else agent.leaving = true;
    this.plan(agentId, at, false);
  }

  private lifeEvent(agentId: string, at: number): void {
    const sim = this.config();
    const agent = this.state.agent(agentId);
    const roll = this.random.next();
    if (roll < sim.awayShare) {
      const name = this.pickAwayReason(agentId);
      const [shortest, longest] = AWAY_MINUTES[name] ?? [5, 15];
      this.state.goAway(agentId, at, name);
      this.awayUntil.set(agentId, {
        at: at + this.random.int(shortest, longest) * MINUTE,
        autoLogout: false,
      });
    } else if (roll < sim.awayShare + sim.autoAwayShare) {
      this.state.goAway(agentId, at, null);
      this.awayUntil.set(agentId, {
        at: at + this.random.int(2, 10) * MINUTE,
        autoLogout: this.random.chance(sim.autoLogoutChance),
      });
    } else {
      this.state.setAvailability(agentId, at, this.nextAvailability(agent));
    }
    this.plan(agentId, at, false);
  }

  private comeBack(agentId: string, at: number): void {
    const planned = this.awayUntil.get(agentId);
    this.awayUntil.delete(agentId);
    if (planned?.autoLogout) {
      // Gladly sends no RETURNED_FROM_AWAY for an away period that ended in an automatic logout.
      this.state.logout(agentId, at);
      this.nextLogin.set(agentId, at + this.random.int(3, 15) * MINUTE);
    } else {
      this.state.returnFromAway(agentId, at);
    }
    this.plan(agentId, at, false);
  }

  private pickAwayReason(agentId: string): string {
    const options = AWAY_WEIGHTS.filter(([name]) => name !== 'Lunch' || !this.hadLunch.has(agentId));
    const total = options.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.random.next() * total;
    for (const [name, weight] of options) {
      roll -= weight;
      if (roll < 0) {
        if (name === 'Lunch') this.hadLunch.add(agentId);
        return name;
      }
    }
    return 'Other';
  }

  private nextAvailability(agent: AgentRuntime): string[] {
    const skills = agent.profile.skills;
    if (agent.availableFor.length < skills.length || this.random.chance(0.1)) {
      return agent.availableFor.length < skills.length ? [...skills] : [];
    }
    // Step away from one channel for a while.
    const dropped = this.random.pick(skills);
    return skills.filter((channel) => channel !== dropped);
  }

  private scheduleArrival(at: number): void {
    const sim = this.config();
    const agents = this.state.agents.size;
    const meanGap = HOUR / (sim.conversationsPerAgentHour * agents);
    this.scheduler.at(at + this.random.exponential(meanGap), (t) => {
      // Thinning: the arrival rate follows the number of agents logged in.
      const loggedIn = [...this.state.agents.values()].filter((agent) => agent.loggedIn).length;
      if (this.random.next() < loggedIn / agents) {
        const inboxes = this.state.org.inboxes.filter((profile) => !profile.inbox.disabled);
        const profile = this.random.pick(inboxes);
        this.state.createConversation(t, profile.inbox.id, this.pickChannel(profile.channels));
      }
      this.scheduleArrival(t);
    });
  }

  private pickChannel(channels: Array<{ channel: ContactChannel; weight: number }>): ContactChannel {
    const total = channels.reduce((sum, entry) => sum + entry.weight, 0);
    let roll = this.random.next() * total;
    for (const entry of channels) {
      roll -= entry.weight;
      if (roll < 0) return entry.channel;
    }
    return channels[channels.length - 1]!.channel;
  }

  private onQueued(contact: Contact, at: number): void {
    if (!this.running) return;
    const patience = PATIENCE_MINUTES[contact.channel];
    if (patience === undefined) return;
    contact.abandonAt ??= at + this.random.exponential(patience * MINUTE);
    this.scheduler.at(Math.max(contact.abandonAt, at), (t) => {
      if (contact.status !== 'ACTIVE' || contact.acceptedAt !== undefined) return;
      this.state.endContact(contact.id, t, 'ABANDONED', 'CUSTOMER_ABANDONED');
      this.state.closeConversation(contact.conversationId, t);
    });
  }

  private onAccepted(contact: Contact, at: number): void {
    if (!this.running) return;
    const mean = this.config().meanHandleSeconds * 1000 * (HANDLE_FACTOR[contact.channel] ?? 1);
    contact.plannedEndAt = at + Math.max(20_000, Math.round(this.random.exponential(mean)));
    this.scheduleEnd(contact, contact.plannedEndAt);
  }

  private scheduleEnd(contact: Contact, at: number): void {
    const agentId = contact.agentId;
    this.scheduler.at(at, (t) => {
      if (contact.status !== 'ACTIVE' || contact.agentId !== agentId) return;
      this.state.endContact(contact.id, t, 'ANSWERED', 'AGENT_ENDED');
    });
  }

  private onEnded(contact: Contact, agent: AgentRuntime | undefined, at: number): void {
    if (!this.running) return;
    if (
      contact.status === 'ANSWERED' &&
      this.state.conversations.get(contact.conversationId)?.status !== 'CLOSED'
    ) {
      const closeAt = at + Math.round(this.random.exponential(this.config().meanAfterContactSeconds * 1000));
      this.closeAt.set(contact.conversationId, closeAt);
      this.scheduleClose(contact.conversationId, closeAt);
    }
    if (agent?.leaving && agent.loggedIn && agent.activeContacts.size === 0)
      this.logoutAndPlan(agent.profile.agent.id, at);
  }

  private logoutAndPlan(agentId: string, at: number): void {
    if (this.state.agent(agentId).loggedIn) this.state.logout(agentId, at);
    this.plan(agentId, at, false);
  }

  private scheduleClose(conversationId: string, at: number): void {
    this.scheduler.at(at, (t) => {
      this.closeAt.delete(conversationId);
      if (this.state.conversations.get(conversationId)?.status === 'OPEN')
        this.state.closeConversation(conversationId, t);
    });
  }
}
