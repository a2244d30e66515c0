/**
 * Lists message keys of the POS and the console that no code says: `npx tsx tools/unused-i18n-keys.ts`
 * (part of `npm run lint`), exit 1 when there is one. A key counts as said when the files that use its message
 * table hold it as a string literal, or build it from a template prefix (`field_${f}` says every `field_…`), or
 * when shared/ holds it as a literal (keys named after wire values such as a role or a movement kind).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The strings a source file holds (every literal, whole), and the fixed heads of its template literals. */
function saidIn(files: { name: string; text: string }[]): { literals: Set<string>; prefixes: string[] } {
  const literals = new Set<string>();
  const prefixes: string[] = [];
  for (const { name, text } of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      else if (ts.isTemplateExpression(node) && node.head.text) prefixes.push(node.head.text);
      ts.forEachChild(node, visit);
    };
    visit(
      ts.createSourceFile(
        name,
        text,
        ts.ScriptTarget.Latest,
        false,
        name.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
      ),
    );
  }
  return { literals, prefixes };
}

type Table = { es: Record<string, string>; en: Record<string, string> };
const isTable = (v: unknown): v is Table =>
  !!v && typeof v === 'object' && 'es' in v && 'en' in v && typeof (v as Table).es === 'object';

/** Every message table of the client apps: its file, its export name and its keys. */
async function messageTables(files: string[]) {
  const tables: { file: string; name: string; keys: string[] }[] = [];
  for (const file of files.filter((f) => f.endsWith('-messages.ts') || f === 'client/pos/i18n.ts')) {
    const mod = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (isTable(value)) tables.push({ file, name, keys: Object.keys(value.es) });
    }
  }
  return tables;
}

async function main(): Promise<number> {
  const client = sourceFiles('client');
  const text = new Map(client.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
  const read = (f: string) => ({ name: f, text: text.get(f) ?? readFileSync(join(ROOT, f), 'utf8') });
  const shared = saidIn(sourceFiles('shared').map(read));
  const unused: string[] = [];
  for (const table of await messageTables(client)) {
    // The POS's main table reaches its screens through useI18n(), not by name. A table's own file counts too
    // (a helper beside it may build keys, as refused-messages.ts's reasonKey does).
    const users =
      table.file === 'client/pos/i18n.ts'
        ? client.filter((f) => f.startsWith('client/pos/'))
        : client.filter((f) => new RegExp(`\\b${table.name}\\b`).test(text.get(f)!));
    const said = saidIn(users.map(read));
    for (const key of table.keys) {
      const used = said.literals.has(key) || shared.literals.has(key) || said.prefixes.some((p) => key.startsWith(p));
      if (!used) unused.push(`${table.file}: ${table.name}.${key}`);
    }
  }
  for (const line of unused) console.log(line);
  if (unused.length) console.log(`${unused.length} message keys are said nowhere: use them or remove them.`);
  return unused.length ? 1 : 0;
}

process.exitCode = await main();
