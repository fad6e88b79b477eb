// The Gladly wire contract on its own: check values the way the emulator does, and list the operations.
// Run after `npm run build`: node packages/gladly/examples/wire.mjs
import { GLADLY_OPERATIONS, gladlyErrorsOf, InboxSchema, WebhookCreateSchema } from '@voxbridge/gladly/wire';

// The seed's inbox (gladly-playvox-connector-setup.txt, Workstreams) passes.
const inbox = InboxSchema.parse({ id: 'BBWGXUw8R4W9EBT4oqfXXX', name: 'Customer_Support', disabled: false });
console.log(`workstream identifier: ${inbox.id}|${inbox.name}`);

// A bad webhook gets Gladly's error entries, one per field at fault.
console.log(gladlyErrorsOf(WebhookCreateSchema, { url: '', events: ['AGENT_STATE_CHANGED'] }));

// Every operation: what the emulator serves and its OpenAPI document describes.
for (const op of GLADLY_OPERATIONS) console.log(`${op.method.padEnd(6)} ${op.path}  (${op.operationId})`);
