import * as assert from 'node:assert/strict';
import { describeRemoteMachine } from '../../../src/views/remoteWindow';

describe('describeRemoteMachine (Slots view tooltip in remote windows)', () => {
  it('says nothing in a local window', () => {
    assert.equal(describeRemoteMachine(undefined), undefined);
    assert.equal(describeRemoteMachine(''), undefined);
  });

  it('names the machine whose network, localhost, ~/.aws and files are used', () => {
    assert.equal(
      describeRemoteMachine('ssh-remote'),
      'Remote window: Skynet runs on the SSH host, so its network and proxy settings, its localhost (Ollama), ~/.aws and ~/.skynet, and its files are used.',
    );
    assert.match(describeRemoteMachine('wsl')!, /runs on the WSL distribution,/);
    assert.match(describeRemoteMachine('dev-container')!, /runs on the dev container,/);
  });

  it('an unknown remote is named as it is', () => {
    assert.match(describeRemoteMachine('k8s-container')!, /runs on the remote machine \(k8s-container\),/);
  });
});
