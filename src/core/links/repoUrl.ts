/**
 * Repositories named by any form of remote URL, reduced to one key:
 * git@github.com:acme/payments.git, https://user:token@github.com/acme/payments,
 * ssh://git@github.com:22/acme/payments/ → "github.com/acme/payments".
 * Host in lower case (hosts are case-insensitive), path as written, no
 * scheme, credentials, port, ".git" or trailing slash.
 */
export function repoKey(url: string): string | undefined {
  let s = url.trim();
  if (!s) return undefined;
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(s);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?(\/.*)?$/i.exec(s);
  if (withScheme) {
    host = withScheme[1]!;
    path = withScheme[2] ?? '';
  } else if (scp && !s.startsWith('/') && !/^[a-z]:\\/i.test(s)) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    // host/owner/name written bare (what repoKey returns, or how people write it in YAML).
    const bare = /^([a-z0-9.-]+\.[a-z]{2,})(\/.+)$/i.exec(s);
    if (!bare) return undefined;
    host = bare[1]!;
    path = bare[2]!;
  }
  s = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '');
  if (!s || s.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return undefined;
  return `${host.toLowerCase()}/${s}`;
}
