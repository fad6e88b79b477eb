/** True when dist/bin.bundle.js exists and none of the dist/ modules it was made from is newer than it. */
export function bundleIsFresh(dist?: URL): boolean;
/** The URL of the module that starts the command: the bundle while it is fresh, dist/bin.js otherwise. */
export function startEntry(): string;
