import type { RunningBridge, WfmConnectorStats } from '@voxbridge/bridge';
import { bridgeViewOf } from './bridge-view.js';
import { createDashboard, type Dashboard, type DashboardOptions } from './dashboard.js';
import type { ConnectionFigures } from './types.js';

/** Options of {@link attachDashboard}: those of `createDashboard` but the parts the bridge supplies. */
export interface AttachDashboardOptions extends Omit<DashboardOptions, 'bridge' | 'livevox' | 'host'> {
  /** WFM statuses that matched no Playvox WFM task, from the WFM connector when one runs. */
  wfmUnmatched?: () => number | undefined;
  /** The WFM connector's `stats()`, for the WFM panel (`() => connector.stats()`). */
  wfm?: () => WfmConnectorStats | undefined;
  /** Every connection of the process (`voxbridge run` with `connections:`), for the Connections tile. */
  connections?: () => ConnectionFigures[];
}

/** A dashboard mounted on a running bridge's HTTP server. */
export interface AttachedDashboard {
  dashboard: Dashboard;
  /** The page's URL with its token; undefined when the bridge does not serve HTTP. */
  url: string | undefined;
}

/**
 * Mounts a dashboard on a running bridge: the wallboard polls the bridge's own LiveVox client, the
 * token is `server.dashboardToken` from the configuration (or a random one), and the page lives on the
 * bridge's server next to `/metrics`. Call `dashboard.close()` before `bridge.stop()`.
 */
export function attachDashboard(
  running: RunningBridge,
  options: AttachDashboardOptions = {},
): AttachedDashboard {
  const { wfmUnmatched, wfm, connections, ...rest } = options;
  const dashboard = createDashboard({
    logger: running.logger,
    token: running.config.server.dashboardToken,
    ...rest,
    livevox: running.livevox,
    bridge: bridgeViewOf(running, { wfmUnmatched, wfm, ...(connections ? { connections } : {}) }),
    host: running.config.server.host,
  });
  running.addRoute(dashboard.route);
  return { dashboard, url: running.url ? dashboard.url(running.url) : undefined };
}
