// The TextMate grammar, run by the same engine VS Code uses (vscode-textmate
// with the Oniguruma regular expressions of vscode-oniguruma): every keyword
// of grammar/stargate.pest is a keyword, and the sandbox policy gets the
// scopes a reader expects at known places. `npm test` runs it.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = path.join(__dirname, "..");
const repo = path.join(here, "..", "..");

let loaded;
function grammar() {
  if (!loaded) {
    const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    const onigLib = oniguruma.loadWASM(wasm.buffer).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }));
    const registry = new vsctm.Registry({
      onigLib,
      loadGrammar: async () => {
        const file = path.join(here, "syntaxes", "stargate.tmLanguage.json");
        return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
      },
    });
    loaded = registry.loadGrammar("source.stargate");
  }
  return loaded;
}

/// Every token of `text`: its line, its text and its innermost scope.
function tokenize(g, text) {
  let stack = vsctm.INITIAL;
  const out = [];
  text.split("\n").forEach((line, i) => {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scope: t.scopes[t.scopes.length - 1] });
    }
    stack = r.ruleStack;
  });
  return out;
}

const keywords = fs
  .readFileSync(path.join(repo, "grammar", "stargate.pest"), "utf8")
  .split("\n")
  .filter((l) => l.startsWith("k_"))
  .map((l) => l.split('"')[1]);

test("every keyword of the language is coloured as one", async () => {
  const g = await grammar();
  assert.strictEqual(keywords.length, 55);
  for (const k of keywords) {
    const [t] = tokenize(g, k);
    assert.strictEqual(t.text, k);
    assert.match(t.scope, /^(keyword|storage\.type|constant\.language)\./, `${k}: ${t.scope}`);
  }
  // Not inside a longer name.
  for (const name of ["zones", "deny_all", "my-listen", "tls2"]) {
    const [t] = tokenize(g, name);
    assert.strictEqual(t.text, name, name);
    assert.strictEqual(t.scope, "source.stargate", name);
  }
});

test("the sandbox gets the scopes of what each word is", async () => {
  const g = await grammar();
  const text = fs.readFileSync(path.join(repo, "policies", "sandbox.sg"), "utf8");
  const tokens = tokenize(g, text);
  const lines = text.split("\n");
  const scopeOf = (context, word) => {
    const line = lines.findIndex((l) => l.includes(context));
    assert.ok(line >= 0, `no line with ${context}`);
    const t = tokens.find((t) => t.line === line && t.text === word);
    assert.ok(t, `no token ${word} on line ${line + 1}: ${JSON.stringify(tokens.filter((t) => t.line === line))}`);
    return t.scope;
  };
  const cases = [
    ["# Stargate Sandbox: network", "# Stargate Sandbox: network security, encoded as a stargate-verify policy.", "comment.line.number-sign.stargate"],
    ["policy stargate_sandbox", "stargate_sandbox", "entity.name.namespace.stargate"],
    ["let vpc = 10.20.0.0/16", "vpc", "variable.other.constant.stargate"],
    ["let vpc = 10.20.0.0/16", "10.20.0.0/16", "constant.numeric.address.stargate"],
    ["let vpc = 10.20.0.0/16", "=", "keyword.operator.stargate"],
    ["secret origin_verify", "origin_verify", "variable.other.constant.secret.stargate"],
    ["secret origin_verify", "stargate-sandbox/origin-verify-secret", "string.quoted.double.stargate"],
    ["zone internet {", "zone", "storage.type.node.stargate"],
    ["zone internet {", "internet", "entity.name.type.node.stargate"],
    ["proxy cloudfront {", "cloudfront", "entity.name.type.node.stargate"],
    ["listen 443 tls from any", "listen", "keyword.other.stargate"],
    ["listen 443 tls from any", "443", "constant.numeric.port.stargate"],
    ["listen 443 tls from any", "any", "constant.language.any.stargate"],
    ["deny 403 when opaque ip_reputation", "deny", "keyword.control.rule.stargate"],
    ["deny 403 when opaque ip_reputation", "ip_reputation", "entity.name.tag.opaque.stargate"],
    ["deny 403 when path in [/key/*", "/key/*", "string.regexp.glob.stargate"],
    ["and header X-Admin-Secret != admin_secret", "X-Admin-Secret", "support.type.property-name.header.stargate"],
    ["and header X-Admin-Secret != admin_secret", "!=", "keyword.operator.stargate"],
    ["forward to alb:80 set header X-Origin-Verify", "alb", "entity.name.type.node.stargate"],
    ["forward to alb:80 set header X-Origin-Verify", "80", "constant.numeric.port.stargate"],
    ["assert metrics_not_public", "metrics_not_public", "entity.name.function.assertion.stargate"],
    ["assert metrics_not_public", "->", "keyword.operator.stargate"],
  ];
  for (const [context, word, scope] of cases) {
    assert.strictEqual(scopeOf(context, word), scope, `${word} in ${context}`);
  }
});
