// The bundle (dist/extension.js, made by `npm run bundle`) holds the client
// and vscode-languageclient: loaded with nothing but a stand-in for the
// `vscode` module that the editor provides, it exports activate/deactivate.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

const bundle = path.join(__dirname, "..", "dist", "extension.js");

/// A stand-in for any part of the VS Code API: callable, constructible, and
/// every property is another stand-in.
function standIn() {
  const f = function () {};
  return new Proxy(f, {
    get: (target, key) => (key === Symbol.toPrimitive ? () => "" : key in target ? target[key] : standIn()),
    apply: () => standIn(),
    construct: () => standIn(),
  });
}

test("the bundle needs no node_modules", () => {
  assert.ok(fs.existsSync(bundle), "run `npm run bundle` first");
  const load = Module._load;
  const asked = [];
  Module._load = function (request, parent, isMain) {
    if (parent && parent.filename === bundle) {
      asked.push(request);
      if (request === "vscode") return standIn();
    }
    return load.call(this, request, parent, isMain);
  };
  try {
    const ext = require(bundle);
    assert.strictEqual(typeof ext.activate, "function");
    assert.strictEqual(typeof ext.deactivate, "function");
  } finally {
    Module._load = load;
  }
  // Only the editor's module and Node's own are loaded from outside the bundle.
  const outside = asked.filter((r) => r !== "vscode" && !Module.isBuiltin(r));
  assert.deepStrictEqual(outside, []);
});
