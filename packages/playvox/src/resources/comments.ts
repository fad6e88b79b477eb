/** Comments on interactions. */
import type { PagePromise } from '@voxbridge/core';
import { commentBody, commentUpdateBody } from '../serialize.js';
import { type CallOptions, idSegment } from '../transport.js';
import type { Comment, CommentCreate, CommentUpdate, ListParams, PlayvoxPage } from '../types.js';
import { PlayvoxResource } from './resource.js';

/** Comments of an interaction; `interactionId` is always the Playvox `_id` of the interaction. */
export class Comments extends PlayvoxResource {
  /** One page (`await`) or every comment (`for await`) of an interaction. */
  list(
    interactionId: string,
    params: ListParams = {},
    options: CallOptions = {},
  ): PagePromise<PlayvoxPage<Comment>, Comment> {
    return this.transport.list<Comment>(
      `interactions/${idSegment(interactionId, 'interactionId')}/comments`,
      params,
      options,
    );
  }

  /**
   * Adds a comment (`POST interactions/{id}/comments`) and returns its id. `addedAt` is sent as ISO
   * 8601 with a zone; left out, the server uses now. Sent once: Playvox does not deduplicate.
   */
  async create(interactionId: string, comment: CommentCreate, options: CallOptions = {}): Promise<string> {
    const path = `interactions/${idSegment(interactionId, 'interactionId')}/comments`;
    return this.transport.createResultId(path, commentBody(comment), options);
  }

  /** Changes a comment's body and time (`PUT interactions/{id}/comments/{commentId}`). */
  async update(
    interactionId: string,
    commentId: string,
    patch: CommentUpdate,
    options: CallOptions = {},
  ): Promise<void> {
    await this.transport.write(
      'PUT',
      commentPath(interactionId, commentId),
      commentUpdateBody(patch),
      options,
    );
  }

  /** Deletes a comment (`DELETE interactions/{id}/comments/{commentId}`). */
  async delete(interactionId: string, commentId: string, options: CallOptions = {}): Promise<void> {
    await this.transport.write('DELETE', commentPath(interactionId, commentId), undefined, options);
  }
}

/** `interactions/{id}/comments/{commentId}`, both ids checked. */
function commentPath(interactionId: string, commentId: string): string {
  return `interactions/${idSegment(interactionId, 'interactionId')}/comments/${idSegment(commentId, 'commentId')}`;
}
