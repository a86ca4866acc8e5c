import * as vscode from 'vscode';
import { CHOICE_GROUPS, type ChoiceGroup, type ProviderChoice } from './providerChoices';

const GROUP_ICONS: Record<ChoiceGroup, string> = {
  cloud: 'cloud',
  gateway: 'arrow-swap',
  local: 'vm',
  'sign-in': 'account',
  custom: 'plug',
};

export type ProviderPickItem = vscode.QuickPickItem & { choice?: ProviderChoice };

/** Every choice under its group's separator (cloud APIs, gateways, local servers, sign-ins, then any other server). */
export function providerPickItems(choices: readonly ProviderChoice[]): ProviderPickItem[] {
  const items: ProviderPickItem[] = [];
  for (const { group, title } of CHOICE_GROUPS) {
    const members = choices.filter((choice) => choice.group === group);
    if (members.length === 0) continue;
    items.push({ label: title, kind: vscode.QuickPickItemKind.Separator });
    const iconPath = new vscode.ThemeIcon(GROUP_ICONS[group]);
    for (const choice of members)
      items.push({ label: choice.label, description: choice.description, detail: choice.detail, iconPath, choice });
  }
  return items;
}

/** The one searchable list of every provider: typing matches the name, the id and free tier, the auth and where it runs. */
export async function pickProvider(choices: readonly ProviderChoice[]): Promise<ProviderChoice | undefined> {
  const picked = await vscode.window.showQuickPick(providerPickItems(choices), {
    title: 'Skynet: Add Provider',
    placeHolder: 'Search by name, id, "free tier", "local", "sign in", "API key"…',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.choice;
}
