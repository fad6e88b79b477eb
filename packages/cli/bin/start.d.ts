/** True when dist/bin.bundle.cjs exists and none of the dist/ modules it was made from is newer than it. */
export function bundleIsFresh(dist?: URL): boolean;
/** Starts the command: the bundle with its code cache while it is fresh, dist/bin.js otherwise. */
export function start(): Promise<void>;
