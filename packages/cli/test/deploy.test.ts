import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseConfigText } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

// deploy/: the configuration every deployment shares must be one voxbridge accepts, the manifests must
// agree with it (paths, port, probes), and where a container engine runs, the image must build and run
// the demo. No container engine runs here, so that part says why it skipped.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const deploy = join(root, 'deploy');
const read = (path: string): string => readFileSync(join(deploy, path), 'utf8');

/** Every required `${NAME}` the file references, set as the Secret or EnvironmentFile would (defaults stay). */
function dummyEnv(text: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const match of text.matchAll(/\$\{([A-Z0-9_]+)\}/g)) env[match[1] as string] = 'example';
  return env;
}

/** Why `docker` cannot build here, or null when a Docker engine answers. */
async function dockerUnavailable(): Promise<string | null> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 20_000 });
    return null;
  } catch (error) {
    const e = error as { code?: string | number; stderr?: string; message: string };
    if (e.code === 'ENOENT') return 'no docker command on this machine';
    const detail = (e.stderr || e.message).trim().split('\n')[0];
    return `docker info fails, so no Docker engine runs here: ${detail}`;
  }
}

describe('deploy/: the shared configuration and the manifests', () => {
  it('deploy/voxbridge.yaml is a valid configuration: store on the state volume, server on every interface', () => {
    const text = read('voxbridge.yaml');
    const config = parseConfigText(text, 'deploy/voxbridge.yaml', dummyEnv(text));
    expect(config.store.path).toBe('/var/lib/voxbridge/state.db');
    expect(config.server).toMatchObject({ host: '0.0.0.0', port: 9464 });
  });

  it('the Kubernetes ConfigMap carries deploy/voxbridge.yaml unchanged', () => {
    const [map] = parseAllDocuments(read('kubernetes/configmap.yaml')).map((d) => d.toJS());
    expect(map.data['voxbridge.yaml']).toBe(read('voxbridge.yaml'));
  });

  it('the Deployment runs non-root on a read-only root, with /readyz and /healthz probes on the port', () => {
    const [deployment] = parseAllDocuments(read('kubernetes/deployment.yaml')).map((d) => d.toJS());
    expect(deployment.kind).toBe('Deployment');
    expect(deployment.spec.replicas).toBeGreaterThan(1);
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [container] = pod.containers;
    expect(container.args).toEqual(['run', '-c', '/etc/voxbridge/voxbridge.yaml']);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.ports[0].containerPort).toBe(9464);
    expect(container.resources.requests).toBeDefined();
    expect(container.envFrom[0].secretRef.name).toBe('voxbridge-credentials');
    const kustomization = parseAllDocuments(read('kubernetes/kustomization.yaml'))[0]?.toJS();
    for (const file of kustomization.resources as string[])
      expect(existsSync(join(deploy, 'kubernetes', file)), file).toBe(true);
  });

  it('the Dockerfile is multi-stage on node:20-slim, non-root, with a /healthz HEALTHCHECK and the store volume', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM node:20-slim/gm)?.length).toBe(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/var\/lib\/voxbridge"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["run", "-c", "\/etc\/voxbridge\/voxbridge.yaml"\]$/m);
  });

  it('compose.yaml runs voxbridge with PostgreSQL, Prometheus (with the alert rules) and a provisioned Grafana', () => {
    const compose = parseAllDocuments(read('compose.yaml'))[0]?.toJS();
    expect(Object.keys(compose.services).sort()).toEqual(['grafana', 'postgres', 'prometheus', 'voxbridge']);
    const { voxbridge, prometheus, grafana } = compose.services;
    expect(existsSync(join(deploy, '..', voxbridge.build.dockerfile))).toBe(true);
    expect(voxbridge.environment.VOXBRIDGE_STORE_URL).toMatch(
      /^postgres:\/\/voxbridge:.*@postgres:5432\/voxbridge$/,
    );
    expect(voxbridge.volumes).toContain('voxbridge-state:/var/lib/voxbridge');
    expect(prometheus.volumes).toContain('./prometheus:/etc/prometheus:ro');
    const scrape = parseAllDocuments(read('prometheus/prometheus.yml'))[0]?.toJS();
    expect(scrape.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(scrape.scrape_configs[0].static_configs[0].targets).toEqual(['voxbridge:9464']);
    expect(grafana.volumes).toContain('./grafana/dashboards:/var/lib/grafana/dashboards:ro');
    const provider = parseAllDocuments(read('grafana/provisioning/dashboards/voxbridge.yaml'))[0]?.toJS();
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const datasource = parseAllDocuments(read('grafana/provisioning/datasources/prometheus.yaml'))[0]?.toJS();
    expect(datasource.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
  });

  it('the systemd unit runs with a dynamic user, a state directory and the hardening set', () => {
    const unit = read('systemd/voxbridge.service');
    for (const line of [
      'DynamicUser=yes',
      'StateDirectory=voxbridge',
      'ProtectSystem=strict',
      'Restart=always',
      'NoNewPrivileges=yes',
      'PrivateTmp=yes',
      'ProtectHome=yes',
      'EnvironmentFile=/etc/voxbridge/voxbridge.env',
    ])
      expect(unit).toContain(`\n${line}\n`);
    // V8's JIT needs writable executable memory: this setting would stop Node from starting.
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=yes/m);
  });
});

const why = await dockerUnavailable();
// Said out loud: a skipped image build must not pass for a built one.
if (why) console.warn(`deploy/Dockerfile: image build and demo run skipped: ${why}`);
describe('deploy/Dockerfile, built and run', () => {
  it.skipIf(why !== null)(
    `builds the image and runs the demo in it${why ? ` (skipped: ${why})` : ''}`,
    async () => {
      const tag = `voxbridge-test:${process.pid}`;
      await run('docker', ['build', '-f', join(deploy, 'Dockerfile'), '-t', tag, root], {
        timeout: 25 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      try {
        const { stdout } = await run('docker', ['run', '--rm', tag, 'demo', '--duration', '5', '--json'], {
          timeout: 5 * 60_000,
          maxBuffer: 16 * 1024 * 1024,
        });
        const summary = JSON.parse(stdout.trim().split('\n').pop() as string);
        expect(summary.delivered).toBeGreaterThan(0);
        expect(summary).toMatchObject({ missing: 0, duplicates: 0 });
      } finally {
        await run('docker', ['rmi', '-f', tag]).catch(() => undefined);
      }
    },
    30 * 60_000,
  );
});
