import type { WireOperation } from '@voxbridge/core';
import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { qa } from '@voxbridge/playvox/wire';
import { conform, fieldError, notFound } from '../errors.js';
import { listEnvelope } from '../listing.js';
import { expanders } from '../relations.js';
import type { CampaignMetricRow, JsonRecord, SeededCollection } from '../types.js';
import { type Body, isIsoDateTimeWithZone } from '../validation.js';
import { listParams, ok, type RouteDeps, result, serve } from './common.js';

/** The read-only collections served as plain lists, with their contract operations. */
const READ_ONLY_OPERATIONS: Record<SeededCollection, WireOperation> = {
  coachings: qa.listCoachings,
  'learning-results': qa.listLearningResults,
  calibrations: qa.listCalibrations,
  evaluations: qa.listEvaluations,
  scorecards: qa.listScorecards,
  roles: qa.listRoles,
  campaigns: qa.listCampaigns,
};

/** The read-only collections served as plain lists. */
export const READ_ONLY_COLLECTIONS = Object.keys(READ_ONLY_OPERATIONS) as readonly SeededCollection[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Registers the seeded QA collections and the performance-campaign routes. */
export function registerQaRoutes(router: Router, deps: RouteDeps): void {
  const { store } = deps;
  for (const name of READ_ONLY_COLLECTIONS) {
    const op = READ_ONLY_OPERATIONS[name];
    serve(router, op, (ctx) =>
      ok(listEnvelope(store.collection(name), listParams(ctx, deps), expanders(store).seeded[name])),
    );
  }

  const requireCampaign = (ctx: RouteContext): JsonRecord => {
    const id = ctx.params.campaignId ?? '';
    const campaign = store.campaign(id);
    if (!campaign) throw notFound('campaign_id', id);
    return campaign;
  };

  serve(router, qa.getCampaign, (ctx) => result(requireCampaign(ctx)));

  serve(router, qa.getCampaignActions, (ctx) => {
    const campaign = requireCampaign(ctx);
    const action = ctx.query.get('o');
    if (action === 'vars-by-type') return result(campaign.vars);
    if (action === 'users') return result((campaign.users as string[]).flatMap((id) => store.user(id) ?? []));
    throw fieldError(400, 'o', "must be 'vars-by-type' or 'users'");
  });

  serve(router, qa.sendCampaignMetrics, (ctx) => {
    const campaign = requireCampaign(ctx);
    const body = ctx.body;
    const rows = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? [body] : undefined;
    if (!rows || rows.length === 0)
      throw fieldError(400, 'body', 'must be a metrics row object or a non-empty list of rows');
    conform(qa.metricsEnvelope, body);
    const vars = new Map((campaign.vars as Array<{ code: string; type: string }>).map((v) => [v.code, v]));
    const members = new Set(campaign.users as string[]);
    const errors: string[] = [];
    const accepted: CampaignMetricRow[] = [];
    const receivedAt = new Date().toISOString();
    rows.forEach((row, i) => {
      const problems: string[] = [];
      const say = (field: string, rule: string) => problems.push(`row ${i + 1}: ${field}: ${rule}`);
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        errors.push(`row ${i + 1}: must be a JSON object`);
        return;
      }
      const fields = row as Body;
      const login = fields.user;
      const user = typeof login === 'string' ? store.userByLogin(login) : undefined;
      if (typeof login !== 'string' || login === '') say('user', 'must be a username or email');
      else if (!user) say('user', `unknown user '${login}'`);
      else if (!members.has(user._id)) say('user', `'${login}' is not a user of this campaign`);
      const date = fields.date;
      if (typeof date !== 'string' || !DATE.test(date) || !isIsoDateTimeWithZone(`${date}T00:00:00Z`))
        say('date', 'must be a date YYYY-MM-DD');
      const values: Record<string, number> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (key === 'user' || key === 'date') continue;
        if (!vars.has(key)) say(key, 'is not a variable of this campaign');
        else if (typeof value !== 'number' || !Number.isFinite(value)) say(key, 'must be a number');
        else values[key] = value;
      }
      if (Object.keys(values).length === 0 && problems.length === 0) say('row', 'has no variable values');
      if (problems.length > 0) errors.push(...problems);
      else
        accepted.push({
          campaign_id: campaign._id,
          user_id: user!._id,
          date: date as string,
          values,
          received_at: receivedAt,
        });
    });
    store.addCampaignMetrics(campaign._id, accepted);
    return ok({
      success: true,
      result: { total: rows.length, total_errors: rows.length - accepted.length, errors },
    });
  });
}
