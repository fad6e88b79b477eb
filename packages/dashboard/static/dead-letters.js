// The dead-letter list with its Retry and Drop buttons. Rows are keyed by id and updated in place, so a
// refresh never takes the keyboard focus away from the button a user is on.
import { byId, el, formatClock, formatCount, timeElement } from './dom.js';

const STAGE_NAMES = {
  source: 'Source',
  assemble: 'Assemble',
  enrich: 'Enrich',
  map: 'Map',
  deliver: 'Deliver',
};
const ARM_MS = 5000;

export class DeadLetterTable {
  /** @param {string | null} token the dashboard token from the page's URL, if any */
  constructor(token) {
    this.token = token;
    this.body = byId('dead-letters').tBodies[0];
    this.rows = new Map();
    this.status = byId('dead-status');
    byId('dead-token-note').hidden = Boolean(token);
  }

  /** Draws the list the server sent. */
  render(list) {
    const wanted = new Set(list.items.map((item) => item.id));
    for (const [id, row] of this.rows) if (!wanted.has(id)) this.removeRow(id, row);
    let next = null;
    // Walk backwards so each new row goes right before the row that follows it in id order.
    for (let i = list.items.length - 1; i >= 0; i--) {
      const item = list.items[i];
      let row = this.rows.get(item.id);
      if (!row) {
        row = this.buildRow(item);
        this.rows.set(item.id, row);
        this.body.insertBefore(row, next);
      }
      next = row;
    }
    this.renderEmpty(list.items.length === 0);
    const shown =
      list.items.length < list.total ? ` (the oldest ${formatCount(list.items.length)} are listed)` : '';
    byId('dead-summary').textContent =
      list.total === 0
        ? 'Nothing is waiting: every record reached Playvox or is on its way.'
        : `${formatCount(list.total)} record${list.total === 1 ? '' : 's'} the pipeline could not process${shown}.`;
  }

  renderEmpty(empty) {
    const existing = this.body.querySelector('tr.empty');
    if (empty && !existing)
      this.body.append(
        el('tr', { class: 'empty' }, el('td', { colspan: 6, text: 'The dead-letter store is empty.' })),
      );
    if (!empty && existing) existing.remove();
  }

  buildRow(item) {
    const retry = el('button', {
      type: 'button',
      'aria-label': `Retry dead letter ${item.id}`,
      text: 'Retry',
      disabled: !this.token,
      dataset: { action: 'retry' },
    });
    const drop = el('button', {
      type: 'button',
      class: 'danger',
      'aria-label': `Drop dead letter ${item.id}`,
      text: 'Drop',
      disabled: !this.token,
      dataset: { action: 'drop' },
    });
    retry.addEventListener('click', () => this.act(item.id, 'retry', [retry, drop]));
    drop.addEventListener('click', () => {
      // Dropping deletes the record for good: the first press arms the button, the second drops.
      if (drop.dataset.armed !== 'true') {
        drop.dataset.armed = 'true';
        drop.textContent = 'Confirm drop';
        drop.setAttribute('aria-label', `Confirm: drop dead letter ${item.id} for good`);
        this.say(`Press again within ${ARM_MS / 1000} seconds to drop dead letter ${item.id} for good.`);
        setTimeout(() => {
          drop.dataset.armed = 'false';
          drop.textContent = 'Drop';
          drop.setAttribute('aria-label', `Drop dead letter ${item.id}`);
        }, ARM_MS);
        return;
      }
      this.act(item.id, 'drop', [retry, drop]);
    });
    return el(
      'tr',
      { dataset: { id: item.id } },
      el('td', { class: 'num', text: item.id }),
      el('td', { text: STAGE_NAMES[item.stage] ?? item.stage }),
      el('td', { class: 'reason', text: item.reason }),
      el('td', { class: 'key', text: item.key ?? '(a feed event)' }),
      el('td', {}, timeElement(item.createdAt, formatClock(item.createdAt))),
      el('td', { class: 'actions' }, retry, drop),
    );
  }

  async act(id, action, buttons) {
    for (const button of buttons) button.disabled = true;
    try {
      const res = await fetch(`/dashboard/dead-letters/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        headers: { 'x-dashboard-token': this.token ?? '' },
      });
      if (res.ok) {
        this.say(
          action === 'retry'
            ? `Dead letter ${id} retried: it is back in the pipeline.`
            : `Dead letter ${id} dropped.`,
        );
        const row = this.rows.get(id);
        if (row) this.removeRow(id, row);
        return;
      }
      const body = await res.json().catch(() => ({}));
      this.say(`Could not ${action} dead letter ${id}: ${body.error ?? res.statusText}`);
    } catch (error) {
      this.say(`Could not ${action} dead letter ${id}: ${error.message}`);
    }
    for (const button of buttons) button.disabled = !this.token;
  }

  removeRow(id, row) {
    if (row.contains(document.activeElement)) {
      // Keep keyboard users in the list: the same button of the next row, else the previous, else the heading.
      const action = document.activeElement.dataset.action ?? 'retry';
      const neighbour = row.nextElementSibling ?? row.previousElementSibling;
      const target = neighbour?.querySelector(`button[data-action="${action}"]`);
      if (target && !target.disabled) target.focus();
      else byId('dead-title').focus();
    }
    row.remove();
    this.rows.delete(id);
  }

  say(message) {
    this.status.textContent = message;
  }
}
