import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { fieldError, notFound, Problems } from '../errors.js';
import { listEnvelope } from '../listing.js';
import { expanders } from '../relations.js';
import type { CommentRecord, IntegrationRecord } from '../types.js';
import {
  hasDatetimeField,
  type NewComment,
  type NewInteraction,
  requireObject,
  validateComment,
  validateInteraction,
} from '../validation.js';
import {
  API,
  listParams,
  ok,
  type RouteDeps,
  requireIntegration,
  requireInteraction,
  result,
  SUCCESS,
} from './common.js';

/** Registers interactions (per integration and across all), bulk jobs and comments. */
export function registerInteractionRoutes(router: Router, deps: RouteDeps): void {
  const { store } = deps;
  const loginExists = (login: string) => store.userByLogin(login) !== undefined;

  const requireDatetimeField = (integration: IntegrationRecord) => {
    if (deps.config().rules.requireDatetimeField && !hasDatetimeField(integration))
      throw fieldError(
        422,
        'metadata',
        'the integration needs at least one datetime metadata field before it accepts interactions',
      );
  };

  router.get(`${API}/integrations/:integrationId/interactions`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const params = listParams(ctx, deps);
    return ok(
      listEnvelope(
        store.interactionCandidates(params.filter, integration._id),
        params,
        expanders(store).interaction,
      ),
    );
  });

  router.post(`${API}/integrations/:integrationId/interactions`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const body = requireObject(ctx.body);
    requireDatetimeField(integration);
    const problems = new Problems();
    const input = validateInteraction(
      body,
      integration,
      'create',
      deps.config().rules,
      loginExists,
      problems,
    );
    problems.throwIfAny();
    const record = store.addInteraction(integration, input as NewInteraction);
    return ok({ success: true, _id: record._id });
  });

  router.put(`${API}/integrations/:integrationId/interactions/:interactionId`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const interaction = requireInteraction(ctx, deps, integration);
    const problems = new Problems();
    const input = validateInteraction(
      requireObject(ctx.body),
      integration,
      'update',
      deps.config().rules,
      loginExists,
      problems,
    );
    problems.throwIfAny();
    store.updateInteraction(interaction, input);
    return SUCCESS;
  });

  router.delete(`${API}/integrations/:integrationId/interactions/:interactionId`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    store.deleteInteraction(requireInteraction(ctx, deps, integration));
    return SUCCESS;
  });

  router.post(`${API}/integrations/:integrationId/bulk/interactions`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const items = ctx.body;
    const max = deps.config().bulk.maxItems;
    if (!Array.isArray(items)) throw fieldError(400, 'body', 'must be a JSON array of interaction objects');
    if (items.length === 0 || items.length > max)
      throw fieldError(400, 'body', `must hold 1 to ${max} interactions (got ${items.length})`);
    requireDatetimeField(integration);
    const job = deps.jobs.submit(integration, items);
    return ok({
      success: true,
      result: { _id: job._id, status: job.status, total: job.total, total_failed: 0 },
    });
  });

  router.get(`${API}/jobs/:jobId`, (ctx) => {
    const id = ctx.params.jobId ?? '';
    const job = store.job(id);
    if (!job) throw notFound('job_id', id);
    return result(job);
  });

  router.get(`${API}/interactions`, (ctx) => {
    const params = listParams(ctx, deps);
    return ok(listEnvelope(store.interactionCandidates(params.filter), params, expanders(store).interaction));
  });

  const requireComment = (ctx: RouteContext): CommentRecord => {
    const interaction = requireInteraction(ctx, deps);
    const id = ctx.params.commentId ?? '';
    const comment = store.comment(id);
    if (!comment || comment.interaction_id !== interaction._id) throw notFound('comment_id', id);
    return comment;
  };

  router.get(`${API}/interactions/:interactionId/comments`, (ctx) => {
    const interaction = requireInteraction(ctx, deps);
    return ok(listEnvelope(store.commentValues(interaction._id), listParams(ctx, deps)));
  });

  router.post(`${API}/interactions/:interactionId/comments`, (ctx) => {
    const interaction = requireInteraction(ctx, deps);
    const problems = new Problems();
    const input = validateComment(
      requireObject(ctx.body),
      'create',
      deps.config().rules,
      loginExists,
      problems,
    );
    problems.throwIfAny();
    const comment = store.addComment(interaction, input as NewComment);
    return ok({ success: true, result: { _id: comment._id } });
  });

  router.put(`${API}/interactions/:interactionId/comments/:commentId`, (ctx) => {
    const comment = requireComment(ctx);
    const problems = new Problems();
    const input = validateComment(
      requireObject(ctx.body),
      'update',
      deps.config().rules,
      loginExists,
      problems,
    );
    problems.throwIfAny();
    store.updateComment(comment, input);
    return SUCCESS;
  });

  router.delete(`${API}/interactions/:interactionId/comments/:commentId`, (ctx) => {
    store.deleteComment(requireComment(ctx));
    return SUCCESS;
  });
}
