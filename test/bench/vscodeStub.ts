// A stand-in `vscode` module for timing activation in plain Node: every property is a callable,
// constructible proxy, so activate() runs through its real code paths (creating the view,
// registering commands) without an editor. Only for the activation benchmark.
import * as fs from 'node:fs';
import Module from 'node:module';

function universal(): unknown {
  const target = function () {
    /* callable */
  };
  const proxy: unknown = new Proxy(target, {
    get(_t, prop) {
      // Not a thenable: `await stub.x()` must resolve to the stub instead of hanging.
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* () {};
      return proxy;
    },
    // Writes (item.name = …, item.text = …) are accepted and forgotten.
    set: () => true,
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

/**
 * Top-level names of the `vscode` module, read from @types/vscode: a bundle's namespace import
 * copies only own property names, so the stub must list them.
 */
function vscodeExportNames(): string[] {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of dts.matchAll(/^\t?export (?:class|namespace|enum|function|const|let) ([A-Za-z_]\w*)/gm)) {
    if (m[1]) names.add(m[1]);
  }
  return [...names];
}

export function installVscodeStub(): void {
  const stub: Record<string, unknown> = {};
  for (const name of vscodeExportNames()) stub[name] = universal();
  const moduleWithInternals = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  };
  const original = moduleWithInternals._load;
  moduleWithInternals._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return stub;
    return original.call(this, request, parent, isMain);
  };
}

/** A context whose every member is the universal stub, with the few real values activate reads. */
export function stubContext(): unknown {
  return new Proxy(
    { subscriptions: [] as unknown[] },
    { get: (t, prop) => (prop in t ? (t as Record<string | symbol, unknown>)[prop] : universal()) },
  );
}
