import fs from 'fs-extra';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import * as tar from 'tar';
import { createTemporaryFolder } from '../../__testUtils__/mockActionContext';

/**
 * A stand-in for the GitHub REST API, as much of it as the portal's URL
 * reader uses to read a repository's files: a file's raw content, the
 * commit status of a branch (its sha and the repository's archive URL) and
 * the tarball at that sha.
 * Serves each repository from a folder; the real reader and integration
 * code talk to it through the integration's `apiBaseUrl`.
 */
export async function startFakeGithub(repositories: Record<string, string>) {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  const requests: string[] = [];
  let baseUrl = '';
  const server = http.createServer(async (request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const url = new URL(request.url ?? '/', baseUrl);
    const match = /^\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(url.pathname);
    const folder = match && repositories[match[1]];
    if (!match || !folder) {
      response.writeHead(404).end('{"message":"Not Found"}');
      return;
    }
    const [, slug, rest = ''] = match;
    const repository = {
      full_name: slug,
      default_branch: 'main',
      archive_url: `${baseUrl}/repos/${slug}/{archive_format}{/ref}`,
      trees_url: `${baseUrl}/repos/${slug}/git/trees{/sha}`,
    };
    if (rest === '') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(repository));
    } else if (/^\/commits\/[^/]+\/status$/.test(rest)) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ sha, repository }));
    } else if (rest.startsWith('/contents/')) {
      const file = path.join(folder, decodeURIComponent(rest.slice(10)));
      if (await fs.pathExists(file)) {
        response.writeHead(200).end(await fs.readFile(file));
      } else {
        response.writeHead(404).end('{"message":"Not Found"}');
      }
    } else if (rest === `/tarball/${sha}`) {
      response.writeHead(200, { 'content-type': 'application/x-gzip' });
      response.end(await tarball(slug, folder));
    } else {
      response.writeHead(404).end('{"message":"Not Found"}');
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** GitHub's tarball: the files under one top folder, without .git. */
  async function tarball(slug: string, folder: string) {
    const staging = createTemporaryFolder('tarball-');
    const top = `${slug.replace('/', '-')}-${sha.slice(0, 7)}`;
    await fs.copy(folder, path.join(staging, top), {
      filter: source => path.basename(source) !== '.git',
    });
    const file = path.join(staging, 'archive.tgz');
    await tar.create({ gzip: true, file, cwd: staging, portable: true }, [top]);
    return fs.readFile(file);
  }

  return {
    apiBaseUrl: baseUrl,
    requests,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}
