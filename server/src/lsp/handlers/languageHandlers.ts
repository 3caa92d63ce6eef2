// The handlers of open documents: their sync events (analysis, the Go check), hover, code actions,
// code lenses, and watched files (an edited BASEIMAGE re-checks the Dockerfiles beside it).
import { CodeAction, CodeActionKind, CodeLens, Hover } from 'vscode-languageserver';
import { checkEmulation } from '../../core/build/binfmt';
import { codeActions, PORT_ACTION_KIND, portAction } from '../codeActions';
import { codeLenses } from '../codeLens';
import { hoverAt } from '../hover';
import { ServerState } from '../serverState';
import { offeredActions, offeredLenses } from '../untrustedOffers';
import { HandlerContext } from './handlerContext';

/** Once, on initialize: the documents' events feed the analyses and the Go check. */
export function listenToDocuments(s: ServerState): void {
  s.analyses.listen();
  s.documents.onDidOpen((e) => void s.goChecks.touched(e.document.uri, true));
  s.documents.onDidSave((e) => void s.goChecks.touched(e.document.uri, false));
  s.documents.onDidClose((e) => s.goChecks.closed(e.document.uri));
}

export function registerLanguageHandlers(ctx: HandlerContext): void {
  const { connection, life } = ctx;

  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) ctx.ready()?.analyses.scheduleDockerfilesBeside(c.uri);
  });

  connection.onHover(
    life.guard(async (params): Promise<Hover | null> => {
      const s = ctx.state();
      const a = await s.analyses.forDocument(params.textDocument.uri);
      return a ? hoverAt(a.analysis, params.position, s.service.hover) : null;
    }),
  );

  connection.onCodeAction(
    life.guard(async (params): Promise<CodeAction[]> => {
      const s = ctx.state();
      const uri = params.textDocument.uri;
      const a = await s.analyses.forDocument(uri);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind.startsWith(k) || k.startsWith(kind));
      const out: CodeAction[] = [];
      const findings = [...(a?.analysis.findings ?? []), ...s.goChecks.findingsFor(uri)];
      if (wants(CodeActionKind.QuickFix)) out.push(...codeActions(uri, findings, params.range));
      if (a && wants(PORT_ACTION_KIND)) {
        const port = portAction(a.doc.uri, a.analysis, a.settings.target);
        if (port) out.push(port);
      }
      // an untrusted workspace is offered nothing that would run a program, in any editor
      return offeredActions(out, s.settings.trusted);
    }),
  );

  connection.onCodeLens(
    life.guard(async (params): Promise<CodeLens[]> => {
      const s = ctx.state();
      const a = await s.analyses.forDocument(params.textDocument.uri);
      if (!a) return [];
      const lenses = codeLenses(a.analysis, {
        lensTitle: s.service.lens,
        uri: params.textDocument.uri,
        clientCommands: s.clientCommands,
        // the lens that sets up QEMU shows only while emulation for the target is not registered
        emulationReady: a.analysis.kind === 'dockerfile' && checkEmulation(a.settings.target).ok,
      });
      return offeredLenses(lenses, s.settings.trusted);
    }),
  );
}
