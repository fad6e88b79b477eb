// The dead letters, grouped by stage and reason (count and a sample), each group's listed records with
// their Retry and Drop buttons. Rows are keyed by id and updated in place, so a refresh never takes the
// keyboard focus away from the button a user is on.
import { relativeTime } from './clock.js';
import { byId, el, formatCount, setText } from './dom.js';

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
    this.list = byId('dead-groups');
    this.groups = new Map();
    this.rows = new Map();
    this.status = byId('dead-status');
    byId('dead-token-note').hidden = Boolean(token);
  }

  /** Draws the groups and their listed records, as the server sent them. */
  render(list) {
    const wanted = new Set(list.items.map((item) => item.id));
    for (const [id, row] of this.rows) if (!wanted.has(id)) this.removeRow(id, row);
    const groupKeys = new Set(list.groups.map((group) => group.key));
    for (const [key, group] of this.groups)
      if (!groupKeys.has(key) && !group.node.contains(document.activeElement)) {
        group.node.remove();
        this.groups.delete(key);
      }
    let nextGroup = null;
    for (let g = list.groups.length - 1; g >= 0; g--) {
      const group = this.group(list.groups[g]);
      const placed = group.node.parentNode === this.list && group.node.nextElementSibling === nextGroup;
      if (!placed && !group.node.contains(document.activeElement))
        this.list.insertBefore(group.node, nextGroup);
      nextGroup = group.node;
    }
    const byGroup = new Map();
    for (const item of list.items) byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), item]);
    for (const [key, group] of this.groups) this.fillGroup(group, byGroup.get(key) ?? []);
    this.renderEmpty(list.groups.length === 0);
    const scanned = list.grouped < list.total ? ` Groups count the oldest ${formatCount(list.grouped)}.` : '';
    setText(
      byId('dead-summary'),
      list.total === 0
        ? 'Nothing is waiting: every record reached Playvox or is on its way.'
        : `${formatCount(list.total)} record${list.total === 1 ? '' : 's'} the pipeline could not process, in ${formatCount(list.groups.length)} group${list.groups.length === 1 ? '' : 's'} by stage and reason.${scanned}`,
    );
  }

  /** The group's node, made on first sight and updated after. */
  group(data) {
    let group = this.groups.get(data.key);
    if (!group) {
      const body = el('tbody');
      const count = el('span', { class: 'count' });
      const sample = el('p', { class: 'sample' });
      const listed = el('span');
      const node = el(
        'li',
        { class: 'dead-group', dataset: { group: data.key } },
        el(
          'h3',
          {},
          count,
          el('span', { class: 'stage', text: STAGE_NAMES[data.stage] ?? data.stage }),
          el('span', { class: 'pattern', text: data.pattern }),
        ),
        sample,
        el(
          'details',
          {},
          el('summary', {}, listed),
          el(
            'div',
            { class: 'table-scroll' },
            el(
              'table',
              {},
              el('caption', { class: 'visually-hidden', text: `Dead letters: ${data.pattern}` }),
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', { scope: 'col', class: 'num', text: '#' }),
                  el('th', { scope: 'col', text: 'Interaction' }),
                  el('th', { scope: 'col', text: 'Reason' }),
                  el('th', { scope: 'col', text: 'Since' }),
                  el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'Actions' })),
                ),
              ),
              body,
            ),
          ),
        ),
      );
      group = { node, body, count, sample, listed, sampleId: undefined };
      this.groups.set(data.key, group);
    }
    setText(group.count, `${formatCount(data.count)} ×`);
    if (group.sampleId !== data.sample.id) {
      group.sampleId = data.sample.id;
      group.sample.replaceChildren(
        el('span', { class: 'label', text: 'Sample ' }),
        `#${data.sample.id} · ${data.sample.key ?? '(a feed event)'} · `,
        relativeTime(data.sample.createdAt),
        el('br'),
        el('span', { class: 'reason', text: data.sample.reason }),
      );
    }
    return group;
  }

  /** Puts the group's listed records in its table, in id order, moving rows only when needed. */
  fillGroup(group, items) {
    let next = null;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      let row = this.rows.get(item.id);
      if (!row) {
        row = this.buildRow(item);
        this.rows.set(item.id, row);
      }
      if (row.parentNode !== group.body || row.nextElementSibling !== next)
        group.body.insertBefore(row, next);
      next = row;
    }
    setText(
      group.listed,
      items.length === 0
        ? 'Records: none among the oldest listed'
        : `Records, retry or drop (${formatCount(items.length)} listed)`,
    );
  }

  renderEmpty(empty) {
    const existing = this.list.querySelector('li.empty');
    if (empty && !existing)
      this.list.append(el('li', { class: 'empty', text: 'The dead-letter store is empty.' }));
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
      el('td', { class: 'key', text: item.key ?? '(a feed event)' }),
      el('td', { class: 'reason', text: item.reason }),
      el('td', {}, relativeTime(item.createdAt)),
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
