// The "MIPS Porting" tree: every image the workspace uses, grouped by verdict, each with its uses
// (click reveals the line) and its suggested replacements. Data comes from the server.
import {
  Event,
  EventEmitter,
  MarkdownString,
  Position,
  Range,
  ThemeColor,
  ThemeIcon,
  TreeDataProvider,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CLIENT_COMMANDS,
  ImageStatus,
  WorkspaceImages,
  WorkspaceImagesRequest,
} from '../../server/src/shared/protocol';
import { request } from './protocolClient';
import { ImageRow, SuggestionRow } from './imageActions';

type Status = ImageStatus;

type Unchecked = WorkspaceImages['unchecked'][number];
type Group = Status | 'unchecked';

type Node =
  | { kind: 'group'; status: Group }
  | ImageRow
  | { kind: 'use'; uri: string; line: number }
  | SuggestionRow
  | { kind: 'unchecked'; row: Unchecked };

const ICON: Record<Group, [string, string]> = {
  unchecked: ['circle-slash', 'descriptionForeground'],
  missing: ['error', 'errorForeground'],
  unknown: ['question', 'editorWarning.foreground'],
  available: ['pass', 'testing.iconPassed'],
};

const unchecked: Node = { kind: 'group', status: 'unchecked' };

/** A use, entry or file that was not checked: what and what to do, the why in the tooltip; opens it. */
function uncheckedItem(row: Unchecked): TreeItem {
  const uri = Uri.parse(row.uri);
  const item = new TreeItem(row.message, TreeItemCollapsibleState.None);
  item.description = `${workspace.asRelativePath(uri)}:${row.line + 1}`;
  item.tooltip = new MarkdownString(`**${row.ruleId}** ${row.message}${row.detail ? `\n\n${row.detail}` : ''}`);
  item.iconPath = new ThemeIcon(ICON.unchecked[0], new ThemeColor(ICON.unchecked[1]));
  item.contextValue = 'unchecked';
  item.command = {
    command: 'vscode.open',
    title: 'Open',
    arguments: [uri, { selection: new Range(new Position(row.line, 0), new Position(row.line, 0)) }],
  };
  return item;
}

export class ImagesView implements TreeDataProvider<Node> {
  private data: WorkspaceImages | undefined;
  private loading: Promise<WorkspaceImages | undefined> | undefined;
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData: Event<Node | undefined> = this.changed.event;
  /** Show images that are available too (a filter the view title toggles). */
  showAvailable = true;
  readonly onDidLoad = new EventEmitter<WorkspaceImages>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  get current(): WorkspaceImages | undefined {
    return this.data;
  }

  refresh(): Promise<WorkspaceImages | undefined> {
    const c = this.client();
    if (!c) return Promise.resolve(undefined);
    this.loading = request(c, WorkspaceImagesRequest).then(
      (d) => {
        this.data = d;
        this.changed.fire(undefined);
        this.onDidLoad.fire(d);
        return d;
      },
      () => undefined,
    );
    return this.loading;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.data) await (this.loading ?? this.refresh());
      const statuses: Status[] = this.showAvailable ? ['missing', 'unknown', 'available'] : ['missing', 'unknown'];
      const groups: Node[] = statuses
        .filter((s) => (this.data?.counts[s] ?? 0) > 0)
        .map((status) => ({ kind: 'group', status }));
      // what could not be checked is its own group, after what is missing or unknown: never left off screen
      if (this.data?.unchecked?.length) {
        const at = groups.findIndex((g) => g.kind === 'group' && g.status === 'available');
        groups.splice(at < 0 ? groups.length : at, 0, unchecked);
      }
      return groups;
    }
    if (node.kind === 'group' && node.status === 'unchecked')
      return (this.data?.unchecked ?? []).map((row) => ({ kind: 'unchecked', row }));
    if (node.kind === 'group')
      return (this.data?.images ?? [])
        .filter((i) => i.status === node.status)
        .map((image) => ({ kind: 'image', image }));
    if (node.kind === 'image') {
      return [
        ...node.image.suggestions.map((s) => ({
          kind: 'suggestion' as const,
          of: node.image,
          image: s.image,
          name: s.name,
          reason: s.reason,
        })),
        ...node.image.uses.map((u) => ({ kind: 'use' as const, uri: u.uri, line: u.line })),
      ];
    }
    return [];
  }

  getTreeItem(node: Node): TreeItem {
    if (node.kind === 'unchecked') return uncheckedItem(node.row);
    if (node.kind === 'group') {
      const n =
        node.status === 'unchecked' ? (this.data?.unchecked.length ?? 0) : (this.data?.counts[node.status] ?? 0);
      const label = node.status === 'unchecked' ? 'not checked' : node.status;
      const item = new TreeItem(`${label} (${n})`, TreeItemCollapsibleState.Expanded);
      item.iconPath = new ThemeIcon(ICON[node.status][0], new ThemeColor(ICON[node.status][1]));
      item.contextValue = `group-${node.status}`;
      return item;
    }
    if (node.kind === 'image') {
      // the image's own name and tag first (a narrow view cuts the end, never the name), its path after
      const slash = node.image.name.lastIndexOf('/');
      const item = new TreeItem(node.image.name.slice(slash + 1), TreeItemCollapsibleState.Collapsed);
      const uses = `${node.image.uses.length} use${node.image.uses.length === 1 ? '' : 's'}`;
      item.description = [slash > 0 ? node.image.name.slice(0, slash) : '', uses].filter(Boolean).join(' · ');
      // where the verdict comes from belongs with the why, not on every row
      const from = node.image.source ? `\n\nSource: ${node.image.source}` : '';
      item.tooltip = new MarkdownString(
        `**${node.image.image}** — ${node.image.status}\n\n${node.image.reason}${from}`,
      );
      item.iconPath = new ThemeIcon(ICON[node.image.status][0], new ThemeColor(ICON[node.image.status][1]));
      item.contextValue = `image-${node.image.status}`;
      return item;
    }
    if (node.kind === 'suggestion') {
      const item = new TreeItem(`use ${node.name}`, TreeItemCollapsibleState.None);
      item.description = node.reason;
      item.iconPath = new ThemeIcon('lightbulb');
      item.tooltip = new MarkdownString(
        `${node.reason}\n\nClick to replace ${node.of.name} with ${node.name} in every use.`,
      );
      item.contextValue = 'suggestion';
      item.command = { command: CLIENT_COMMANDS.applySuggestion, title: 'Replace in all uses', arguments: [node] };
      return item;
    }
    const uri = Uri.parse(node.uri);
    const item = new TreeItem(`${workspace.asRelativePath(uri)}:${node.line + 1}`, TreeItemCollapsibleState.None);
    item.iconPath = new ThemeIcon('go-to-file');
    item.command = {
      command: 'vscode.open',
      title: 'Open',
      arguments: [uri, { selection: new Range(new Position(node.line, 0), new Position(node.line, 0)) }],
    };
    return item;
  }
}
