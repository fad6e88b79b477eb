// The WFM panel: what the WFM connector delivered to Playvox WFM, and its webhook and user sync.
// Times are relative to the server's clock (see clock.js).
import { relativeTime } from './clock.js';
import { byId, el, formatClock, formatCount, setText } from './dom.js';

/** Keeps a figure up to date; a relative time is replaced only when its moment changes. */
function setFigure(list, id, label, value, detail) {
  let row = list.querySelector(`[data-figure="${id}"]`);
  if (!row) {
    row = el(
      'div',
      { class: 'figure', dataset: { figure: id } },
      el('dt', { text: label }),
      el('dd', {}, el('span', { class: 'value' }), el('small')),
    );
    list.append(row);
  }
  const shown = row.querySelector('.value');
  if (typeof value === 'string') {
    delete shown.dataset.at;
    setText(shown, value);
  } else if (shown.dataset.at !== String(value.at)) {
    shown.dataset.at = String(value.at);
    shown.replaceChildren(relativeTime(value.at));
  }
  setText(row.querySelector('small'), detail ?? '');
}

/** Draws the WFM figures of a health sample (`sample.wfm`, null without a connector). */
export function renderWfm(sample) {
  const list = byId('wfm-figures');
  const wfm = sample.wfm;
  const error = byId('wfm-error');
  if (!wfm) {
    list.replaceChildren();
    setText(
      byId('wfm-summary'),
      sample.wfmUnmatched === null
        ? 'No WFM connector reports to this dashboard.'
        : `No WFM connector figures; ${formatCount(sample.wfmUnmatched)} statuses unmatched.`,
    );
    error.hidden = true;
    return;
  }
  setText(byId('wfm-summary'), 'Agent statuses and contacts sent to Playvox WFM since the bridge started.');
  setFigure(
    list,
    'statuses',
    'Statuses sent',
    formatCount(wfm.statusesSent),
    `${formatCount(wfm.contactsSent)} contacts`,
  );
  setFigure(
    list,
    'unmatched-users',
    'Unmatched users',
    wfm.unmatchedUsers === null ? '—' : formatCount(wfm.unmatchedUsers),
    `${formatCount(wfm.unmatchedStatuses)} statuses placed on no task`,
  );
  setFigure(
    list,
    'last-webhook',
    'Last webhook',
    wfm.lastWebhookAt === null
      ? wfm.webhooksReceived === null
        ? 'no Gladly'
        : 'none yet'
      : { at: wfm.lastWebhookAt },
    wfm.webhooksReceived === null ? '' : `${formatCount(wfm.webhooksReceived)} stored`,
  );
  setFigure(
    list,
    'next-sync',
    'Next user sync',
    wfm.nextUserSyncAt === null ? 'after the first' : { at: wfm.nextUserSyncAt },
    wfm.lastUserSyncAt === null ? '' : `last at ${formatClock(wfm.lastUserSyncAt)}`,
  );
  error.hidden = !wfm.lastError;
  setText(error, wfm.lastError ? `Last error: ${wfm.lastError}` : '');
}
