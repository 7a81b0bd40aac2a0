import { Lazy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Address of the Amazon-provided DNS resolver of a VPC: the base of its primary CIDR plus two
 * (for example 10.0.0.2 for 10.0.0.0/16). It answers on every instance type, unlike 169.254.169.253
 * which only Nitro instances reach.
 */
export function vpcResolverAddress(vpcCidr: string): string {
  const [base] = vpcCidr.split('/');
  const octets = base.split('.').map(Number);
  const value =
    ((octets[0] << 24) >>> 0) +
    (octets[1] << 16) +
    (octets[2] << 8) +
    octets[3] +
    2;
  return [24, 16, 8, 0].map(shift => (value >>> shift) & 255).join('.');
}

/**
 * nginx configuration of the default web tier. The internal ALB's DNS name is put in a variable
 * so that nginx resolves it per request through the VPC resolver (`resolver ... valid=10s`): a
 * literal `proxy_pass http://<name>` is resolved once at start, and every request would fail
 * with 502 once the ALB's addresses change. `/health` is proxied to the app tier's `/health`,
 * so the public ALB only marks a web instance healthy when the whole path to the app tier works.
 */
export function renderWebNginxConfig(
  internalAlbDns: string,
  resolverAddress: string,
  maxRequestBodyBytes: number = 1024 * 1024,
): string {
  return [
    'user nginx;',
    'worker_processes auto;',
    'events { worker_connections 1024; }',
    'http {',
    '  server_tokens off;',
    `  client_max_body_size ${maxRequestBodyBytes};`,
    `  resolver ${resolverAddress} valid=10s ipv6=off;`,
    '  resolver_timeout 5s;',
    '  server {',
    '    listen 80 default_server;',
    `    set $app_upstream ${internalAlbDns};`,
    '    location = /health {',
    '      proxy_pass http://$app_upstream/health;',
    '      proxy_connect_timeout 2s;',
    '      proxy_read_timeout 4s;',
    '    }',
    '    location / {',
    '      proxy_pass http://$app_upstream;',
    '      proxy_set_header Host $host;',
    '      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '      proxy_set_header X-Forwarded-Proto $scheme;',
    '    }',
    '  }',
    '}',
  ].join('\n');
}

/** User data of the default web tier: nginx with {@link renderWebNginxConfig}. */
export function defaultWebUserData(
  internalAlbDns: string,
  resolverAddress: string,
  maxRequestBodyBytes: number,
): ec2.UserData {
  const ud = ec2.UserData.forLinux();
  ud.addCommands(
    'set -euo pipefail',
    'dnf install -y nginx',
    // Quoted delimiter: the shell expands nothing, nginx sees its own $variables.
    "cat > /etc/nginx/nginx.conf <<'EOF'",
    renderWebNginxConfig(internalAlbDns, resolverAddress, maxRequestBodyBytes),
    'EOF',
    'nginx -t',
    'systemctl enable --now nginx',
  );
  return ud;
}

/**
 * User data of the default app tier: a tiny JSON HTTP service on `port`, with `environment`
 * (rendered lazily at synthesis) in /etc/app/env.
 */
export function defaultAppUserData(
  port: number,
  environment: Record<string, string>,
): ec2.UserData {
  const ud = ec2.UserData.forLinux();
  ud.addCommands(
    'set -euo pipefail',
    'mkdir -p /opt/app /etc/app',
    "cat > /etc/app/env <<'EOF'",
    Lazy.string({
      produce: () =>
        Object.entries(environment)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n') || '# no data store',
    }),
    'EOF',
    "cat > /opt/app/server.py <<'EOF'",
    'import json, socket',
    'from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer',
    'class Handler(BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    '        body = json.dumps({"tier": "app", "host": socket.gethostname(), "path": self.path}).encode()',
    '        self.send_response(200)',
    '        self.send_header("Content-Type", "application/json")',
    '        self.end_headers()',
    '        self.wfile.write(body)',
    `ThreadingHTTPServer(("", ${port}), Handler).serve_forever()`,
    'EOF',
    "cat > /etc/systemd/system/app.service <<'EOF'",
    '[Unit]',
    'Description=App tier service',
    '[Service]',
    'EnvironmentFile=/etc/app/env',
    'ExecStart=/usr/bin/python3 /opt/app/server.py',
    'DynamicUser=yes',
    'Restart=always',
    '[Install]',
    'WantedBy=multi-user.target',
    'EOF',
    'systemctl daemon-reload',
    'systemctl enable --now app',
  );
  return ud;
}
