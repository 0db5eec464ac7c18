import { strict as assert } from 'node:assert';
import { repoKey } from '../../../../src/core/links/repoUrl';

describe('repository keys from remote URLs', () => {
  it('reduces every form git accepts to host/owner/name', () => {
    for (const url of [
      'git@github.com:acme/payments.git',
      'git@github.com:acme/payments',
      'https://github.com/acme/payments',
      'https://github.com/acme/payments.git',
      'https://github.com/acme/payments/',
      'https://x-access-token:ghs_secret@github.com/acme/payments.git',
      'ssh://git@github.com/acme/payments.git',
      'ssh://git@GitHub.com:22/acme/payments',
      'git://github.com/acme/payments.git',
      'github.com/acme/payments',
    ]) {
      assert.equal(repoKey(url), 'github.com/acme/payments', url);
    }
    assert.equal(repoKey('https://gitlab.example.com/group/sub/service.git'), 'gitlab.example.com/group/sub/service');
  });

  it('refuses what is not a remote URL', () => {
    for (const url of ['', '   ', '/srv/git/payments.git', 'payments', 'https://github.com/', 'https://github.com/acme/../x'])
      assert.equal(repoKey(url), undefined, url);
  });
});
