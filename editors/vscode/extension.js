// stargate-verify for VS Code: runs `stargate-verify lsp` for `.sg` files.
// Plain CommonJS; `npm run bundle` bundles it with vscode-languageclient into
// dist/extension.js, the file VS Code loads (package.json `main`).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command =
    vscode.workspace.getConfiguration("stargate-verify").get("path") || "stargate-verify";
  // No `transport`: the client then speaks over stdio without adding `--stdio`.
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "stargate-verify",
    "stargate-verify",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "stargate" },
        { scheme: "untitled", language: "stargate" },
      ],
    }
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("stargate-verify.path")) {
        vscode.window.showInformationMessage(
          "stargate-verify: reload the window to use the new server path."
        );
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
