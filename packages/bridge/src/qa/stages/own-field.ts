/**
 * Sets `target[key] = value` as an own, enumerable field, whatever the key. A plain assignment of the
 * key `__proto__` sets the object's prototype instead (or does nothing for a primitive), while
 * `JSON.parse` gives such a key as an own field: free-form data (Context Data) may carry one, and a copy
 * must keep it as the field it is, not lose it or change what the copy inherits.
 */
export function setOwnField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
