/** Placeholder printed instead of a secret value. */
export const REDACTED = '[REDACTED]';

/**
 * Names (of headers, body fields or query parameters) whose values are secrets. Matching is
 * case-insensitive and ignores `-` and `_`, so `LV-Session`, `lv_session` and `lvSession` all match.
 */
const SECRET_NAME =
  /^(authorization|proxyauthorization|cookie|setcookie|lvaccess|lvsession|session|sessionid|password|passwd|pwd|secret|clientsecret|apikey|apitoken|token|accesstoken|refreshtoken|idtoken|key|xapikey|signature|xamzsignature)$/;

/** Name endings that mark a secret whatever comes before them (`newPassword`, `webhook_secret`). */
const SECRET_SUFFIXES = ['password', 'token', 'secret', 'apikey', 'privatekey', 'sessionid'];

/** True when a header, field or parameter with this name holds a secret. */
export function isSecretName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[-_\s.]/g, '');
  return SECRET_NAME.test(normalized) || SECRET_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

/** A copy of `headers` with every secret header value replaced by {@link REDACTED}. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = isSecretName(name) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * A deep copy of `value` with the values of secret fields replaced by {@link REDACTED}.
 * Cycles are cut and depth is bounded so that redaction itself can never throw or hang.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    out[name] =
      isSecretName(name) && item !== null && item !== undefined
        ? REDACTED
        : redactValue(item, depth + 1, seen);
  }
  return out;
}

/** A URL string with the values of secret query parameters and any userinfo replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? 'REDACTED' : '';
      parsed.password = parsed.password ? 'REDACTED' : '';
    }
    for (const name of [...parsed.searchParams.keys()]) {
      if (isSecretName(name)) parsed.searchParams.set(name, REDACTED);
    }
    // URLSearchParams percent-encodes the brackets; print the placeholder as people expect to read it.
    return parsed.toString().split(ENCODED_REDACTED).join(REDACTED);
  } catch {
    return url.replace(
      /([?&#;](?:[^=&]*(?:token|password|key|secret|session|signature))=)[^&#]*/gi,
      `$1${REDACTED}`,
    );
  }
}

const ENCODED_REDACTED = encodeURIComponent(REDACTED);

/**
 * Replaces known secret values (a password, a session id, an API key) wherever they occur in a string,
 * for messages assembled from server text that might echo them back.
 */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * A deep copy of `value` in which every string has the known secret values scrubbed (see
 * {@link scrubSecrets}), for error bodies a server may have built from the request.
 */
export function scrubValue(value: unknown, secrets: Iterable<string | undefined>): unknown {
  const list = [...secrets].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 4,
  );
  if (list.length === 0) return value;
  const walk = (item: unknown, depth: number, seen: WeakSet<object>): unknown => {
    if (typeof item === 'string') return scrubSecrets(item, list);
    if (item === null || typeof item !== 'object') return item;
    if (depth > 8 || seen.has(item)) return '[…]';
    seen.add(item);
    if (Array.isArray(item)) return item.map((entry) => walk(entry, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(item))
      out[scrubSecrets(name, list)] = walk(entry, depth + 1, seen);
    return out;
  };
  return walk(value, 0, new WeakSet());
}
