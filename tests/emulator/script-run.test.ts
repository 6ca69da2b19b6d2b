import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../emulator';
import { googleScriptRunClient, invokeFromClient } from '../../emulator/script-run';

function runtime() {
  const rt = createRuntime();
  rt.load('tests/fixtures/script-run/Code.js');
  return rt;
}

describe('google.script.run (server half)', () => {
  it('fails a call whose return value holds a Date (google.script.run refuses Date values)', () => {
    const reply = invokeFromClient(runtime(), 'today', []);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/illegal value.*result\.when.*Date/);
  });

  it('fails a call with a Date argument before it reaches the script (google.script.run parameters)', () => {
    const reply = invokeFromClient(runtime(), 'echo', [{ due: new Date() }]);
    expect(!reply.ok && reply.error).toMatch(/arguments\[0\]\.due/);
  });

  it('cannot call a private function, one whose name ends with "_" (Apps Script private functions)', () => {
    expect(invokeFromClient(runtime(), 'secret_', [])).toEqual({
      ok: false,
      error: 'Script function not found: secret_',
    });
  });

  it('passes the thrown message to the failure handler, and undefined back as null', () => {
    expect(invokeFromClient(runtime(), 'boom', [])).toEqual({ ok: false, error: 'Something broke' });
    expect(invokeFromClient(runtime(), 'nothing', [])).toEqual({ ok: true, value: null });
  });

  it('copies values across the wire', () => {
    const arg = { list: [1, 'два', true] };
    const reply = invokeFromClient(runtime(), 'echo', [arg]);
    expect(reply).toEqual({ ok: true, value: arg });
    expect(reply.ok && reply.value).not.toBe(arg);
  });
});

describe('google.script.run (client half)', () => {
  it('lists the server functions as own keys, without private ones', () => {
    const src = googleScriptRunClient(['deskIssue', 'secret_']);
    expect(src).toContain('["deskIssue"]');
    expect(src).not.toContain('secret_');
  });
});

describe('executions', () => {
  it('start with a fresh global scope: nothing a call leaves in the script globals reaches the next (Apps Script executions)', () => {
    const rt = runtime();
    expect(rt.call('countCalls')).toBe(1);
    expect(rt.call('countCalls')).toBe(1);
  });
});
