// Writes the VS Code parts of package.json (main, activationEvents, contributes, the host/package scripts)
// in one read-modify-write, leaving every other key (dependencies others add concurrently) as it is.
// usage: node scripts/set-contributions.js
const fs = require('fs');
const path = require('path');
const file = path.join(__dirname, '..', 'package.json');

const slotItem = 'view == skynet.slots && viewItem =~ /^skynetSlot/';
const contributes = {
  commands: [
    { command: 'skynet.addProvider', title: 'Add Provider', category: 'Skynet', icon: '$(add)' },
    { command: 'skynet.setApiKey', title: 'Set API Key', category: 'Skynet', icon: '$(key)' },
    { command: 'skynet.clearApiKey', title: 'Clear API Key', category: 'Skynet' },
    { command: 'skynet.testSlots', title: 'Test Slots', category: 'Skynet', icon: '$(pulse)' },
    { command: 'skynet.chooseModel', title: 'Choose Model…', category: 'Skynet', icon: '$(list-selection)' },
    { command: 'skynet.openConfig', title: 'Open skynet.toml', category: 'Skynet', icon: '$(go-to-file)' },
    { command: 'skynet.showLog', title: 'Show Log', category: 'Skynet', icon: '$(output)' },
    { command: 'skynet.reload', title: 'Reload Configuration', category: 'Skynet', icon: '$(refresh)' },
    { command: 'skynet.moveSlotUp', title: 'Move Slot Up', category: 'Skynet', icon: '$(arrow-up)' },
    { command: 'skynet.moveSlotDown', title: 'Move Slot Down', category: 'Skynet', icon: '$(arrow-down)' },
    { command: 'skynet.signIn', title: 'Sign In', category: 'Skynet', icon: '$(sign-in)' },
    { command: 'skynet.signOut', title: 'Sign Out', category: 'Skynet', icon: '$(sign-out)' },
    { command: 'skynet.useUserConfig', title: 'Use My User-Level Config', category: 'Skynet', icon: '$(home)' },
    { command: 'skynet.useWorkspaceConfig', title: 'Use Workspace Config', category: 'Skynet', icon: '$(folder)' },
    {
      command: 'skynet.useInChat',
      title: 'Use Skynet Models in VS Code Chat…',
      category: 'Skynet',
      icon: '$(comment-discussion)',
    },
  ],
  viewsContainers: {
    activitybar: [{ id: 'skynet', title: 'Skynet', icon: 'media/skynet.svg' }],
  },
  views: {
    skynet: [
      { id: 'skynet.slots', name: 'Slots', icon: 'media/skynet.svg', contextualTitle: 'Skynet' },
      { id: 'skynet.signIns', name: 'Accounts', icon: 'media/skynet.svg', contextualTitle: 'Skynet' },
    ],
  },
  viewsWelcome: [
    {
      view: 'skynet.slots',
      contents:
        'No skynet.toml in this workspace yet. Skynet puts every model you can reach behind one router.\n[Add Provider](command:skynet.addProvider)\n[Create skynet.toml](command:skynet.openConfig)\nKeys are kept in VS Code Secret Storage, never in the file.',
      when: '!skynet.hasConfig',
    },
    {
      view: 'skynet.signIns',
      contents:
        'GitHub Copilot and Qwen sign in with a device code instead of an API key. Add a [providers.copilot] table to skynet.toml, then sign in here.\n[Add Provider](command:skynet.addProvider)',
    },
  ],
  menus: {
    'view/title': [
      { command: 'skynet.useUserConfig', when: 'view == skynet.slots && skynet.restricted', group: 'navigation@0' },
      { command: 'skynet.addProvider', when: 'view == skynet.slots', group: 'navigation@1' },
      { command: 'skynet.testSlots', when: 'view == skynet.slots', group: 'navigation@2' },
      { command: 'skynet.openConfig', when: 'view == skynet.slots', group: 'navigation@3' },
      { command: 'skynet.reload', when: 'view == skynet.slots', group: 'navigation@4' },
      { command: 'skynet.showLog', when: 'view == skynet.slots', group: 'overflow' },
      { command: 'skynet.useInChat', when: 'view == skynet.slots', group: 'overflow' },
    ],
    'view/item/context': [
      { command: 'skynet.setApiKey', when: `${slotItem} && viewItem =~ /\\.key/`, group: 'inline@1' },
      { command: 'skynet.signIn', when: `${slotItem} && viewItem =~ /\\.signin/`, group: 'inline@1' },
      { command: 'skynet.chooseModel', when: slotItem, group: 'inline@2' },
      { command: 'skynet.testSlots', when: slotItem, group: 'inline@3' },
      { command: 'skynet.moveSlotUp', when: slotItem, group: 'inline@4' },
      { command: 'skynet.moveSlotDown', when: slotItem, group: 'inline@5' },
      { command: 'skynet.chooseModel', when: slotItem, group: 'slot@0' },
      { command: 'skynet.openConfig', when: slotItem, group: 'slot@1' },
      { command: 'skynet.clearApiKey', when: `${slotItem} && viewItem =~ /\\.key/`, group: 'slot@2' },
      { command: 'skynet.signIn', when: 'view == skynet.signIns && viewItem == skynetSignIn.out', group: 'inline' },
      { command: 'skynet.signOut', when: 'view == skynet.signIns && viewItem == skynetSignIn.in', group: 'inline' },
    ],
    commandPalette: [
      { command: 'skynet.moveSlotUp', when: 'false' },
      { command: 'skynet.moveSlotDown', when: 'false' },
      { command: 'skynet.useUserConfig', when: '!skynet.userConfig' },
      { command: 'skynet.useWorkspaceConfig', when: 'skynet.userConfig' },
    ],
  },
  chatParticipants: [
    {
      id: 'skynet.skynet',
      name: 'skynet',
      fullName: 'Skynet',
      description: 'Ask any model behind your skynet.toml, with failover',
      isSticky: true,
      commands: [
        { name: 'status', description: 'Show the slots and their health' },
        { name: 'use', description: 'Pin a slot for this conversation (/use auto to go back to failover)' },
        { name: 'retry', description: 'Retry the last question on the next slot' },
      ],
    },
  ],
  configuration: {
    title: 'Skynet',
    properties: {
      'skynet.reasoning': {
        type: 'string',
        enum: ['off', 'low', 'medium', 'high'],
        enumDescriptions: [
          "No reasoning. Left unset, each slot's skynet.toml `reasoning` applies (else the provider's default); set to off, it overrules the file",
          'Think a little (Anthropic/Gemini 2.5: 1,024 tokens; OpenAI: reasoning_effort low)',
          'Think more (4,096 tokens; reasoning_effort medium)',
          'Think hard (16,384 tokens; reasoning_effort high)',
        ],
        default: 'off',
        markdownDescription:
          "How much `@skynet` asks the model to reason before answering: Anthropic extended thinking, OpenAI and OpenAI-compatible `reasoning_effort`, Ollama `think`, Claude on Bedrock and Vertex, Gemini 2.5+ thinking. Models without reasoning may refuse a request that asks for it. Read on every request; ignored in untrusted workspaces. Left unset, skynet.toml's `reasoning` (per provider table, else `[agent]`) applies; any value you set, `off` included, overrules it. Extensions calling `vscode.lm` pass `modelOptions.reasoning` (or `reasoningEffort`) instead.",
      },
    },
  },
  // `configuration` (not the deprecated `managementCommand`): VS Code 1.139's Language Models editor then offers
  // "Add Models → Skynet", which adds a Skynet provider group; a group of a non-Copilot vendor is what lets a profile
  // without a GitHub account use the built-in chat (docs/vscode.md "Use Skynet in VS Code's chat"). With `managementCommand`
  // set, 1.139 only refreshes the models there. Slots come from skynet.toml, so the group asks for no settings.
  languageModelChatProviders: [
    { vendor: 'skynet', displayName: 'Skynet', configuration: { type: 'object', properties: {} } },
  ],
  tomlValidation: [
    { fileMatch: 'skynet.toml', url: './schemas/skynet.schema.json' },
    { regexMatch: '^.*/\\.skynet/skynet\\.toml$', url: './schemas/skynet.schema.json' },
  ],
};

const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
pkg.main = './dist/extension.js';
pkg.activationEvents = ['onStartupFinished', 'workspaceContains:skynet.toml', 'workspaceContains:.skynet/skynet.toml'];
pkg.contributes = contributes;
// Restricted mode: the workspace's skynet.toml may not use the user's credentials (see src/trust/workspaceTrust.ts).
pkg.capabilities = {
  untrustedWorkspaces: {
    supported: 'limited',
    // A cloned repository should not make the user's paid slots think (and bill) harder.
    restrictedConfigurations: ['skynet.reasoning'],
    description:
      "In an untrusted workspace, slots of the workspace's skynet.toml that would use your credentials (keys in Secret Storage, ${env:…} keys, Copilot and Qwen sign-ins, AWS credentials, Google key files outside the workspace) are disabled. Slots with a key written in that file, or no key (Ollama), keep working, and you can use your own ~/.skynet/skynet.toml instead.",
  },
  // skynet.toml, key files and credential files are read from disk.
  virtualWorkspaces: false,
};
pkg.scripts = {
  ...pkg.scripts,
  'test:host': 'bash scripts/test-host.sh',
  package: 'node esbuild.mjs && vsce package --no-dependencies',
};
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
