import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { qa } from '@voxbridge/playvox/wire';
import { conform, fieldError, notFound, Problems } from '../errors.js';
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
  listParams,
  ok,
  type RouteDeps,
  requireIntegration,
  requireInteraction,
  result,
  SUCCESS,
  serve,
} from './common.js';

/** The bulk body as the route checks it: 1 or more items (the configured maximum is checked first). */
const BULK_ITEMS = qa.bulkEnvelope.element.array().min(1);

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

  serve(router, qa.listIntegrationInteractions, (ctx) => {
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

  /** The checked body of an interaction create or update: the emulator's rules, then the contract's. */
  const interactionInput = (ctx: RouteContext, integration: IntegrationRecord, mode: 'create' | 'update') => {
    const body = requireObject(ctx.body);
    const problems = new Problems();
    const input = validateInteraction(body, integration, mode, deps.config().rules, loginExists, problems);
    problems.throwIfAny();
    conform(mode === 'create' ? qa.interactionCreate : qa.interactionUpdate, body);
    return input;
  };

  serve(router, qa.createInteraction, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    requireObject(ctx.body);
    requireDatetimeField(integration);
    const record = store.addInteraction(
      integration,
      interactionInput(ctx, integration, 'create') as NewInteraction,
    );
    return ok({ success: true, _id: record._id });
  });

  serve(router, qa.updateInteraction, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const interaction = requireInteraction(ctx, deps, integration);
    store.updateInteraction(interaction, interactionInput(ctx, integration, 'update'));
    return SUCCESS;
  });

  serve(router, qa.deleteInteraction, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    store.deleteInteraction(requireInteraction(ctx, deps, integration));
    return SUCCESS;
  });

  serve(router, qa.bulkCreateInteractions, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const items = ctx.body;
    const max = deps.config().bulk.maxItems;
    if (!Array.isArray(items)) throw fieldError(400, 'body', 'must be a JSON array of interaction objects');
    if (items.length === 0 || items.length > max)
      throw fieldError(400, 'body', `must hold 1 to ${max} interactions (got ${items.length})`);
    requireDatetimeField(integration);
    // The configured limit may exceed Playvox's 100 (to mimic another account): only the array is checked here.
    conform(BULK_ITEMS, items);
    const job = deps.jobs.submit(integration, items);
    return ok({
      success: true,
      result: { _id: job._id, status: job.status, total: job.total, total_failed: 0 },
    });
  });

  serve(router, qa.getJob, (ctx) => {
    const id = ctx.params.jobId ?? '';
    const job = store.job(id);
    if (!job) throw notFound('job_id', id);
    return result(job);
  });

  serve(router, qa.listInteractions, (ctx) => {
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

  serve(router, qa.listComments, (ctx) => {
    const interaction = requireInteraction(ctx, deps);
    return ok(listEnvelope(store.commentValues(interaction._id), listParams(ctx, deps)));
  });

  /** The checked body of a comment create or update: the emulator's rules, then the contract's. */
  const commentInput = (ctx: RouteContext, mode: 'create' | 'update') => {
    const problems = new Problems();
    const input = validateComment(requireObject(ctx.body), mode, deps.config().rules, loginExists, problems);
    problems.throwIfAny();
    conform(mode === 'create' ? qa.commentCreate : qa.commentUpdate, ctx.body);
    return input;
  };

  serve(router, qa.createComment, (ctx) => {
    const interaction = requireInteraction(ctx, deps);
    const comment = store.addComment(interaction, commentInput(ctx, 'create') as NewComment);
    return ok({ success: true, result: { _id: comment._id } });
  });

  serve(router, qa.updateComment, (ctx) => {
    const comment = requireComment(ctx);
    store.updateComment(comment, commentInput(ctx, 'update'));
    return SUCCESS;
  });

  serve(router, qa.deleteComment, (ctx) => {
    store.deleteComment(requireComment(ctx));
    return SUCCESS;
  });
}
