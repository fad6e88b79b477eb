import { SeededRandom } from '@voxbridge/emulator-kit';
import type { PlayvoxSeedConfig } from './config.js';
import { IdGenerator } from './ids.js';
import type { JsonRecord, TeamRecord, UserRecord } from './types.js';

/** Everything the emulator seeds: users and teams (writable) and the read-only QA collections. */
export interface SeedData {
  roles: JsonRecord[];
  users: UserRecord[];
  teams: TeamRecord[];
  scorecards: JsonRecord[];
  evaluations: JsonRecord[];
  coachings: JsonRecord[];
  calibrations: JsonRecord[];
  learningResults: JsonRecord[];
  campaigns: JsonRecord[];
}

/** Seeded records are dated from here on, so the same seed gives byte-identical data. */
const SEED_EPOCH = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const FIRST = [
  'Ana',
  'Ben',
  'Carla',
  'Diego',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Luis',
  'Maya',
  'Nils',
  'Olga',
  'Pablo',
];
const LAST = [
  'Garcia',
  'Smith',
  'Okafor',
  'Novak',
  'Rossi',
  'Tanaka',
  'Silva',
  'Muller',
  'Haddad',
  'Larsen',
  'Kim',
  'Moreau',
];
const ROLE_CODES = ['super_admin', 'admin', 'analyst', 'team_leader', 'agent', 'light_agent'] as const;

/** Builds the seeded data for a seed number and the configured counts. */
export function buildSeedData(seed: number, counts: PlayvoxSeedConfig): SeedData {
  const random = new SeededRandom(seed);
  const ids = new IdGenerator(`playvox-seed-${seed}`);
  const at = (days: number) => new Date(SEED_EPOCH + days * DAY).toISOString();
  const stamp = (days: number) => ({
    _id: ids.next(SEED_EPOCH + days * DAY),
    created_at: at(days),
    updated_at: at(days + random.int(0, 20)),
  });

  const roles: JsonRecord[] = ROLE_CODES.map((code, i) => ({
    ...stamp(i),
    code,
    name: code.replace('_', ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
    description: `Seeded ${code.replace('_', ' ')} role`,
    default: code === 'agent',
    read: code === 'agent' || code === 'light_agent' ? ['evaluations', 'coachings'] : ['*'],
    write: code.endsWith('admin')
      ? ['*']
      : code === 'agent' || code === 'light_agent'
        ? []
        : ['evaluations', 'coachings', 'calibrations'],
    role_inherit: null,
  }));
  const roleId = (code: (typeof ROLE_CODES)[number]) => roles[ROLE_CODES.indexOf(code)]!._id;

  const teamCount = counts.teams;
  const leaderCount = Math.min(teamCount, Math.max(1, Math.floor(counts.users / 4)));
  const analystCount = Math.max(1, Math.min(3, Math.floor(counts.users / 10)));
  const users: UserRecord[] = [];
  for (let i = 0; i < counts.users; i++) {
    const type: UserRecord['type'] =
      i === 0
        ? 'admin'
        : i <= leaderCount
          ? 'team_leader'
          : i <= leaderCount + analystCount
            ? 'analyst'
            : 'agent';
    const name = FIRST[i % FIRST.length]!;
    const lastName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const username = i === 0 ? 'admin' : `${name}.${lastName}${i}`.toLowerCase();
    const days = random.int(0, 30);
    users.push({
      ...stamp(days),
      name,
      last_name: lastName,
      username,
      email: `${username}@example.com`,
      type,
      roles: [roleId(type === 'admin' ? 'super_admin' : type)],
      status: i > 0 && random.chance(0.08) ? 'inactive' : 'active',
      deactivation_type: '',
      deactivation_reason: '',
      founder: i === 0,
      light: false,
      tz: random.pick(['UTC', 'America/New_York', 'America/Bogota', 'Europe/Madrid']),
      lang: 'en',
      last_login_date: at(days + random.int(1, 60)),
    });
  }
  const leaders = users.filter((u) => u.type === 'team_leader');
  const analysts = users.filter((u) => u.type === 'analyst');
  const agents = users.filter((u) => u.type === 'agent');

  const membersByTeam: string[][] = Array.from({ length: teamCount }, () => []);
  for (const [i, agent] of agents.entries()) membersByTeam[i % teamCount]!.push(agent._id);
  const teams: TeamRecord[] = [];
  for (let t = 0; t < teamCount; t++) {
    const leader = leaders[t % leaders.length]!;
    const members = membersByTeam[t]!;
    teams.push({
      ...stamp(t),
      name: `Team ${String(t + 1).padStart(2, '0')}`,
      description: `Seeded team ${t + 1}`,
      status: 'active',
      default: t === 0,
      team_leader_id: [leader._id],
      users: members,
      total_users: members.length,
    });
  }
  const userById = new Map(users.map((u) => [u._id, u]));
  const teamById = new Map(teams.map((t) => [t._id, t]));
  const teamOf = new Map<string, string>();
  for (const team of teams) for (const member of team.users) teamOf.set(member, team._id);
  const agentPool = agents.length > 0 ? agents : users;
  const analystPool = analysts.length > 0 ? analysts : users;
  const person = (u: UserRecord) => ({
    _id: u._id,
    name: u.name,
    last_name: u.last_name,
    email: u.email,
    status: u.status,
  });

  const scorecards: JsonRecord[] = [];
  for (let s = 0; s < 6; s++) {
    const sections = Array.from({ length: 3 }, (_, k) => ({
      _id: ids.next(SEED_EPOCH),
      name: ['Greeting', 'Resolution', 'Compliance'][k]!,
      questions: Array.from({ length: 3 }, (_, q) => ({
        _id: ids.next(SEED_EPOCH),
        description: `Question ${k + 1}.${q + 1}`,
        weight: random.int(1, 5),
        answers: [
          { _id: ids.next(SEED_EPOCH), type: 'yes_no', value: 'yes', label: 'Yes', max_score: 10 },
          { _id: ids.next(SEED_EPOCH), type: 'yes_no', value: 'no', label: 'No', max_score: 0 },
        ],
      })),
    }));
    scorecards.push({
      ...stamp(s),
      name: `Scorecard ${s + 1}`,
      status: s === 5 ? 'inactive' : 'active',
      team_ids: teams.filter((_, t) => t % 6 === s || s === 0).map((t) => t._id),
      max_score: 100,
      target: 80,
      sections,
    });
  }

  const evaluations: JsonRecord[] = [];
  for (let e = 0; e < counts.records; e++) {
    const scorecard = random.pick(scorecards.slice(0, 5));
    const agent = random.pick(agentPool);
    const sections = (
      scorecard.sections as Array<{
        _id: string;
        questions: Array<{ _id: string; answers: Array<{ _id: string; value: string; max_score: number }> }>;
      }>
    ).map((section) => ({
      _id: section._id,
      answers: section.questions.map((question) => {
        const answer = random.chance(0.8) ? question.answers[0]! : question.answers[1]!;
        return {
          answer_id: answer._id,
          question_id: question._id,
          value: answer.value,
          score: answer.max_score,
          passed: answer.max_score > 0,
        };
      }),
    }));
    const score = random.int(40, 100);
    evaluations.push({
      ...stamp(30 + e),
      scorecard_id: scorecard._id,
      agent_id: agent._id,
      team_id: teamOf.get(agent._id) ?? null,
      monitor_id: random.pick(analystPool)._id,
      interaction_id: `ext-${random.hex(10)}`,
      score,
      score_avg: score / 100,
      passed: score >= 80,
      feedback: `<p>Evaluation ${e + 1}</p>`,
      custom_fields: [],
      sections,
      coaching: [] as Array<{ coaching_id: string }>,
    });
  }

  const coachings: JsonRecord[] = [];
  for (let c = 0; c < counts.records; c++) {
    const evaluation = evaluations.length > 0 ? random.pick(evaluations) : undefined;
    const trainee = (evaluation && userById.get(evaluation.agent_id as string)) || random.pick(agentPool);
    const teamId = teamOf.get(trainee._id);
    const team = teamId ? teamById.get(teamId) : undefined;
    const coach = team ? team.team_leader_id[0]! : random.pick(leaders.length > 0 ? leaders : users)._id;
    const record: JsonRecord = {
      ...stamp(60 + c),
      status: random.pick(['pending', 'in_progress', 'completed']),
      team_ids: teamId ? [teamId] : [],
      coach_id: coach,
      trainee_id: trainee._id,
      collaborator_ids: [],
      feedback: `<p>Coaching session ${c + 1}</p>`,
      achieved: random.chance(0.6),
      kpis_id: null,
      stage_id: null,
      evaluation_ids: evaluation ? [evaluation._id] : [],
    };
    coachings.push(record);
    if (evaluation) (evaluation.coaching as Array<{ coaching_id: string }>).push({ coaching_id: record._id });
  }

  const calibrations: JsonRecord[] = [];
  for (let c = 0; c < counts.records; c++) {
    const agent = random.pick(agentPool);
    const expert = random.pick(analystPool);
    const completed = random.chance(0.7);
    const panel = analystPool.filter((a) => a._id !== expert._id).slice(0, 2);
    calibrations.push({
      ...stamp(90 + c),
      status: completed ? 'completed' : 'pending',
      due_date: at(97 + c),
      completed_at: completed ? at(95 + c) : null,
      scorecard_id: random.pick(scorecards.slice(0, 5))._id,
      agent_id: agent._id,
      interaction_id: `ext-${random.hex(10)}`,
      agent_info: person(agent),
      expert: person(expert),
      analysts: panel.map((a) => ({
        analyst_id: a._id,
        analyst_info: person(a),
        results: { answers: { score: random.int(50, 100), equals: random.int(5, 9) } },
      })),
    });
  }

  const courses = Array.from({ length: 4 }, (_, i) => ({
    id: ids.next(SEED_EPOCH),
    name: `Course ${i + 1}`,
  }));
  const learningResults: JsonRecord[] = [];
  for (let l = 0; l < counts.records; l++) {
    const user = random.pick(agentPool);
    const course = random.pick(courses);
    const status = random.pick(['passed', 'failed', 'in_progress']);
    learningResults.push({
      ...stamp(120 + l),
      learning_id: course.id,
      learning_name: course.name,
      user_id: user._id,
      team_id: teamOf.get(user._id) ?? null,
      status,
      score:
        status === 'in_progress'
          ? null
          : random.int(status === 'passed' ? 70 : 10, status === 'passed' ? 100 : 69),
      attempts: random.int(1, 3),
      completed_at: status === 'in_progress' ? null : at(121 + l),
    });
  }

  const varTypes = ['number', 'percentage', 'currency'] as const;
  const campaigns: JsonRecord[] = [];
  for (let c = 0; c < 5; c++) {
    const campaignTeams = teams.filter((_, t) => t % 5 === c || teams.length < 5);
    const members = campaignTeams.flatMap((t) => t.users);
    campaigns.push({
      ...stamp(150 + c),
      name: `Campaign ${c + 1}`,
      description: `Seeded performance campaign ${c + 1}`,
      status: c === 4 ? 'finished' : 'active',
      start_date: at(150 + c).slice(0, 10),
      end_date: at(240 + c).slice(0, 10),
      team_ids: campaignTeams.map((t) => t._id),
      users: members,
      vars: ['aht', 'csat', 'fcr', 'revenue'].slice(0, 2 + (c % 3)).map((code, v) => ({
        code,
        name: {
          aht: 'Average handle time',
          csat: 'Customer satisfaction',
          fcr: 'First contact resolution',
          revenue: 'Revenue',
        }[code],
        type: code === 'revenue' ? 'currency' : varTypes[v % 2]!,
      })),
    });
  }

  return {
    roles,
    users,
    teams,
    scorecards,
    evaluations,
    coachings,
    calibrations,
    learningResults,
    campaigns,
  };
}
