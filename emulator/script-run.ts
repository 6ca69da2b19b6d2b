/**
 * google.script.run, both halves: the client object a sidebar uses (asynchronous, success and failure
 * handlers, user objects), and the server side that calls the bundle's function in a new execution.
 * As in Apps Script, a Date argument or return value makes the call fail, functions whose names end
 * with "_" are private, and the values cross the wire as copies.
 */
import { isDate } from './core';
import type { Runtime } from './index';

export type WireReply = { ok: true; value: unknown } | { ok: false; error: string };

/** Where a Date hides in a value, as a path such as "arg 1.loans[0].due"; null when there is none. */
export function findDate(value: unknown, path: string, seen = new Set<unknown>()): string | null {
  if (isDate(value)) return path;
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findDate(value[i], `${path}[${i}]`, seen);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = findDate(v, `${path}.${k}`, seen);
    if (p) return p;
  }
  return null;
}

/** The server half: what happens when a sidebar calls google.script.run.name(...args). */
export function invokeFromClient(rt: Runtime, name: string, args: unknown[]): WireReply {
  if (!/^[A-Za-z$][\w$]*$/.test(name) || name.endsWith('_')) {
    return { ok: false, error: `Script function not found: ${name}` };
  }
  const badArg = findDate(args, 'arguments');
  if (badArg) return { ok: false, error: `Failed due to illegal value in property: ${badArg} (Date)` };
  let value: unknown;
  try {
    value = rt.call(name, ...args);
  } catch (e) {
    const err = e as Error;
    return { ok: false, error: err && typeof err.message === 'string' ? err.message : String(e) };
  }
  const badResult = findDate(value, 'result');
  if (badResult) return { ok: false, error: `Failed due to illegal value in property: ${badResult} (Date)` };
  return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
}

/**
 * The client half, as JavaScript source for the page. `transport` names a global async function
 * `(name, args) => WireReply` that reaches the server (an HTTP call in the playground, a Playwright
 * binding in tests). Function names are own keys of google.script.run, as in Apps Script.
 */
export function googleScriptRunClient(functionNames: string[], transport = '__gasTransport'): string {
  return `(function () {
  var names = ${JSON.stringify(functionNames.filter((n) => !n.endsWith('_')))};
  function isDate(v) { return Object.prototype.toString.call(v) === '[object Date]'; }
  function hasDate(v, seen) {
    if (isDate(v)) return true;
    if (v === null || typeof v !== 'object') return false;
    seen = seen || [];
    if (seen.indexOf(v) >= 0) return false;
    seen.push(v);
    for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k) && hasDate(v[k], seen)) return true;
    return false;
  }
  function makeRunner(success, failure, userObject) {
    var runner = {
      withSuccessHandler: function (f) { return makeRunner(f, failure, userObject); },
      withFailureHandler: function (f) { return makeRunner(success, f, userObject); },
      withUserObject: function (o) { return makeRunner(success, failure, o); }
    };
    names.forEach(function (name) {
      runner[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        function fail(message) {
          setTimeout(function () {
            var err = new Error(message);
            if (failure) failure(err, userObject); else console.error(err);
          }, 0);
        }
        if (hasDate(args)) { fail('Failed due to illegal value in property: Date argument to ' + name); return; }
        Promise.resolve(window[${JSON.stringify(transport)}](name, JSON.parse(JSON.stringify(args)))).then(function (reply) {
          if (reply && reply.ok) { if (success) success(reply.value, userObject); }
          else fail(reply ? reply.error : 'No reply');
        }, function (e) { fail(e && e.message ? e.message : String(e)); });
      };
    });
    return runner;
  }
  window.google = window.google || {};
  window.google.script = window.google.script || {};
  window.google.script.run = makeRunner(null, null, undefined);
  window.google.script.host = window.google.script.host || {
    close: function () { if (window.__gasHostClose) window.__gasHostClose(); },
    setHeight: function () {}, setWidth: function () {},
    editor: { focus: function () {} }
  };
})();`;
}
