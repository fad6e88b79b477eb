/** OpenAPI fragments shared by the schema modules. */

/** A `$ref` to a schema of `components.schemas`. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** A 24-hex Mongo-style id. */
export const id = { type: 'string', pattern: '^[0-9a-f]{24}$', description: '24-character hex id' };
/** An ISO 8601 date-time string. */
export const dateTime = { type: 'string', format: 'date-time' };
/** A list of ids. */
export const ids = { type: 'array', items: id };
/** The `created_at` / `updated_at` properties every stored record has. */
export const stamps = { created_at: dateTime, updated_at: dateTime };
