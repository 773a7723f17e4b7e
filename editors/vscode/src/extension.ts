// termlint for VS Code: starts `termlint lsp` over stdio and lets vscode-languageclient do
// the rest (diagnostics, quick fixes, hover). The server is the termlint the user installed:
// the extension bundles no linter of its own, so editor and CI always agree.
// SPDX-License-Identifier: GPL-3.0-or-later

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

// The formats `termlint check` reads, by language id where VS Code has one and by file
// pattern for the rest (an .xlf file may be open as plain XML or as nothing at all).
const PATTERNS = [
  "md", "markdown", "mdown", "mkd", "txt", "text", "json", "arb", "yaml", "yml", "html",
  "htm", "xhtml", "xml", "xlf", "xliff", "stringsdict", "properties", "po", "pot", "strings",
];

function serverOptions(): ServerOptions {
  const settings = vscode.workspace.getConfiguration("termlint");
  const command = settings.get<string>("path", "termlint") || "termlint";
  const args = ["lsp", ...settings.get<string[]>("args", [])];
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const run = { command, args, transport: TransportKind.stdio, options: { cwd } };
  return { run, debug: run };
}

// What `termlint lsp` reads; `path`, `args` and `trace` are the extension's own.
const SERVER_SETTINGS = [
  "severity", "configFile", "isolated", "vocabularies", "language", "debounce",
  "reportUnusedDirectives",
];

function serverSettings(settings: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const sent: Record<string, unknown> = {};
  for (const name of SERVER_SETTINGS) {
    const value = settings.get(name);
    if (value !== undefined && value !== null) {
      sent[name] = value;
    }
  }
  return sent;
}

function clientOptions(): LanguageClientOptions {
  const settings = vscode.workspace.getConfiguration("termlint");
  return {
    documentSelector: [
      { scheme: "file", pattern: `**/*.{${PATTERNS.join(",")}}` },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    // The server's settings (all but how to start it), also answered later through
    // workspace/configuration (section "termlint"), which the server asks again on a change.
    initializationOptions: serverSettings(settings),
    synchronize: {
      configurationSection: "termlint",
      // The server reloads its settings when these change.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{.termlint.yaml,pyproject.toml,*.termlint.yaml}"),
    },
    outputChannelName: "termlint",
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  client = new LanguageClient("termlint", "termlint", serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (error) {
    const path = vscode.workspace.getConfiguration("termlint").get<string>("path");
    void vscode.window.showErrorMessage(
      `termlint: could not start "${path} lsp" (${String(error)}). ` +
      "Install termlint, or set termlint.path to its full path.");
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("termlint.restart", async () => {
      await client?.stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The command and its arguments are read only when the server starts; the server's
      // own settings reach it through workspace/didChangeConfiguration.
      if (event.affectsConfiguration("termlint.path") ||
          event.affectsConfiguration("termlint.args")) {
        await client?.stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
