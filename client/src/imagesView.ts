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
import { ImageStatus, WORKSPACE_IMAGES_REQUEST, WorkspaceImages } from '../../server/src/shared/protocol';
import { ImageRow, SuggestionRow } from './imageActions';

type Status = ImageStatus;

type Node = { kind: 'group'; status: Status } | ImageRow | { kind: 'use'; uri: string; line: number } | SuggestionRow;

const ICON: Record<Status, [string, string]> = {
  missing: ['error', 'errorForeground'],
  unknown: ['question', 'editorWarning.foreground'],
  available: ['pass', 'testing.iconPassed'],
};

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
    this.loading = c.sendRequest<WorkspaceImages>(WORKSPACE_IMAGES_REQUEST).then(
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
      return statuses.filter((s) => (this.data?.counts[s] ?? 0) > 0).map((status) => ({ kind: 'group', status }));
    }
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
    if (node.kind === 'group') {
      const n = this.data?.counts[node.status] ?? 0;
      const item = new TreeItem(`${node.status} (${n})`, TreeItemCollapsibleState.Expanded);
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
      item.command = { command: 'mipsPort.applySuggestion', title: 'Replace in all uses', arguments: [node] };
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
