// The questions of Add Workspace before sign-in, driven with scripted answers and the real probe
// over HTTP: a URL where nothing answers re-opens the box with what was typed and why; a configured
// host is only updated after a yes; a taken name re-opens the name box as typed.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../../src/core/http/client';
import { probeWorkspace } from '../../src/core/workspaces/probe';
import type { WorkspaceConfig } from '../../src/ui/common/connection';
import { UserCancelled } from '../../src/ui/common/errors';
import { askCheckedHost, askName, type InputStep, type StepPrompts } from '../../src/ui/workspaces/addWorkspaceSteps';
import { startEmulator, type Emulator } from '../emulator';

/** Answers the boxes and questions in order, and records what each box showed. */
function scripted(inputs: Array<string | undefined>, answers: boolean[] = []) {
  const shown: InputStep[] = [];
  const asked: string[] = [];
  const progress: string[] = [];
  const prompts: StepPrompts = {
    input: (step) => {
      shown.push(step);
      assert.ok(inputs.length > 0, `an unexpected box: ${step.title}`);
      return Promise.resolve(inputs.shift());
    },
    progress: (title, task) => {
      progress.push(title);
      return task();
    },
    ask: (message) => {
      asked.push(message);
      return Promise.resolve(answers.shift() ?? false);
    },
  };
  return { prompts, shown, asked, progress };
}

async function closedPortUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('Add Workspace: host and name steps', function () {
  this.timeout(20000);
  let emu: Emulator;
  let client: HttpClient;
  const probe = (host: string) => probeWorkspace(client, host);

  beforeEach(async () => {
    emu = await startEmulator({ dataset: 'empty' });
    client = new HttpClient({ noProxyFromEnv: true, timeouts: { connectMs: 2000, headersMs: 2000 } });
  });
  afterEach(async () => {
    await client.close();
    await emu.close();
  });

  it('checks the host before anything else, and re-opens the box with what was typed when nothing answers', async () => {
    const dead = `${await closedPortUrl()}/some/path`;
    const s = scripted([dead, `${emu.url}/`]);
    const result = await askCheckedHost({ prompts: s.prompts, probe, workspaces: () => [] });
    assert.deepEqual(result, { host: emu.url });
    assert.equal(s.shown.length, 2);
    assert.equal(s.shown[0]?.value, '');
    assert.equal(s.shown[0]?.problem, undefined);
    const again = s.shown[1];
    assert.equal(again?.value, dead, 'what the user typed is lost');
    assert.match(again?.problem ?? '', /^Cannot reach a Databricks workspace at http:\/\/127\.0\.0\.1:\d+: .*refused/);
    assert.equal(s.progress.length, 2, 'each check shows progress');
    assert.match(s.progress[1] ?? '', /Databricks workspace at http:\/\/127\.0\.0\.1/);
    assert.equal(emu.log.filter((e) => e.authorization !== undefined).length, 0, 'a credential was sent');
  });

  it('a configured host is updated only after a yes; Cancel changes nothing', async () => {
    const configured: WorkspaceConfig[] = [{ name: 'Prod', host: emu.url, auth: 'pat' }];
    const declined = scripted([emu.url], [false]);
    await assert.rejects(
      askCheckedHost({ prompts: declined.prompts, probe, workspaces: () => configured }),
      UserCancelled,
    );
    assert.deepEqual(declined.asked, [`${emu.url} is already in the explorer as "Prod". Update its name and sign-in?`]);

    const accepted = scripted([emu.url], [true]);
    const result = await askCheckedHost({ prompts: accepted.prompts, probe, workspaces: () => configured });
    assert.deepEqual(result, { host: emu.url, existing: configured[0] });
  });

  it('dismissing the URL box cancels', async () => {
    const s = scripted([undefined]);
    await assert.rejects(askCheckedHost({ prompts: s.prompts, probe, workspaces: () => [] }), UserCancelled);
  });

  it("a name another workspace has re-opens the box with the name as typed; the workspace's own name is fine", async () => {
    const configured: WorkspaceConfig[] = [
      { name: 'Prod', host: 'https://adb-1.1.azuredatabricks.net', auth: 'pat' },
      { name: 'Mine', host: emu.url, auth: 'pat' },
    ];
    const s = scripted([' prod ', 'Staging ']);
    assert.equal(await askName({ prompts: s.prompts, workspaces: () => configured }, emu.url), 'Staging');
    assert.equal(s.shown[0]?.value, 'Mine', 'the current name is the suggestion');
    assert.equal(s.shown[1]?.value, ' prod ');
    assert.equal(
      s.shown[1]?.problem,
      '"prod" is already the name of https://adb-1.1.azuredatabricks.net. Choose another name.',
    );

    const same = scripted(['Mine']);
    assert.equal(await askName({ prompts: same.prompts, workspaces: () => configured }, emu.url), 'Mine');
    assert.equal(same.shown[0]?.validate('  '), 'Enter a name.');
  });
});
