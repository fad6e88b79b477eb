/** Record fields that hold a phone number or an email address (LiveVox's names, and any `*phone*`/`*email*`). */
const CONTACT_KEY = /phone|email|callerid|^ani$|^dnis$|^to$|^from$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{7,}$/;

/** Shows only the last four characters (`*******1234`); four or fewer are hidden whole. */
export function maskValue(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

function looksLikeContact(value: string): boolean {
  return EMAIL.test(value) || (PHONE.test(value) && value.replace(/\D/g, '').length >= 7);
}

/**
 * A copy of the record with phone numbers and email addresses masked (`privacy.maskContacts`, on by
 * default): the values of contact fields (`phoneDialed`, `callerId`, `*phone*`, `*email*`) anywhere,
 * and, inside Context Data and post-call data (free-form keys), any value that is an email or a phone
 * number. Ids and times elsewhere are left alone (a transaction id is all digits too). The agent's
 * login and Playvox user are not contacts.
 */
export function maskContacts(record: Record<string, unknown>, freeForm = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'assignee' || key === 'agentLoginId' || key === 'recording' || key === 'recordingUrl') {
      out[key] = value;
    } else if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      const operator = key === 'operatorPhone' && text.length <= 1; // LiveVox's placeholder `0`
      out[key] =
        !operator && text !== '' && (CONTACT_KEY.test(key) || (freeForm && looksLikeContact(text)))
          ? maskValue(text)
          : value;
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = maskContacts(
        value as Record<string, unknown>,
        freeForm || key === 'context' || key === 'postCall',
      );
    } else out[key] = value;
  }
  return out;
}
