import type { PlayvoxTransport } from '../transport.js';

/**
 * A group of Playvox calls over one transport. The transport is kept in a `#` field, so that inspecting
 * a client never shows it (nor the credentials it carries); subclasses reach it through `transport`.
 */
export abstract class PlayvoxResource {
  readonly #transport: PlayvoxTransport;

  constructor(transport: PlayvoxTransport) {
    this.#transport = transport;
  }

  /** The transport this resource's calls go through. */
  protected get transport(): PlayvoxTransport {
    return this.#transport;
  }
}
