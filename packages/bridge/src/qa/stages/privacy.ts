import { setOwnField } from './own-field.js';

/** Record fields that hold a phone number or an email address (LiveVox's names, and any `*phone*`/`*email*`). */
const CONTACT_KEY = /phone|email|callerid|^ani$|^dnis$|^to$|^from$/i;
/** Emails and phone-like runs (7+ digits, with spaces, dots, dashes, brackets) inside free text. */
const CONTACT_IN_TEXT = /[^\s@]+@[^\s@]+\.[^\s@]+|\+?\(?\d[\d\s().-]{5,}\d/g;

/** Whether a key names a contact, kept per key: records share a few dozen keys. */
const contactKeys = new Map<string, boolean>();
/** Free-form keys (Context Data) could be many: beyond this many, keys are tested without being kept. */
const CONTACT_KEYS_KEPT = 10_000;

function isContactKey(key: string): boolean {
  let contact = contactKeys.get(key);
  if (contact === undefined) {
    contact = CONTACT_KEY.test(key);
    if (contactKeys.size < CONTACT_KEYS_KEPT) contactKeys.set(key, contact);
  }
  return contact;
}

/** Shows only the last four characters (`*******1234`); four or fewer are hidden whole. */
export function maskValue(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

/** Masks every email and phone number inside a free-form text. */
function maskInText(text: string): string {
  return text.replace(CONTACT_IN_TEXT, (found) =>
    found.includes('@') || found.replace(/\D/g, '').length >= 7 ? maskValue(found) : found,
  );
}

/**
 * A copy of the record with phone numbers and email addresses masked (`privacy.maskContacts`, on by
 * default): the values of contact fields (`phoneDialed`, `callerId`, `*phone*`, `*email*`) anywhere,
 * and, inside Context Data and post-call data (free-form keys), every email and phone number (7 or more
 * digits) within a text. Ids and times elsewhere are left alone (a transaction id is all digits too). The agent's
 * login and Playvox user are not contacts.
 */
export function maskContacts(record: Record<string, unknown>, freeForm = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    setOwnField(out, key, maskField(key, record[key], freeForm));
  }
  return out;
}

/** One field's value as {@link maskContacts} copies it. */
function maskField(key: string, value: unknown, freeForm: boolean): unknown {
  if (key === 'assignee' || key === 'agentLoginId' || key === 'recording' || key === 'recordingUrl')
    return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    const operator = key === 'operatorPhone' && text.length <= 1; // LiveVox's placeholder `0`
    if (operator || text === '') return value;
    if (isContactKey(key)) return maskValue(text);
    if (freeForm && typeof value === 'string') return maskInText(text);
    return value;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return maskContacts(
      value as Record<string, unknown>,
      freeForm || key === 'context' || key === 'postCall',
    );
  return value;
}
