import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configHelp } from './config';

type Setting = { env: string; default: string; description: string };

const readmePath = path.resolve(import.meta.dirname, '..', 'README.md');
const START = '<!-- settings: generated from server/config.ts, checked by server/config-docs.test.ts -->';
const END = '<!-- settings end -->';
const WIDTH = 120;

/** Every setting as `configHelp()` prints it for the CLI: `  NAME   description (default: value)`. */
function settingsInConfig(): Setting[] {
  return configHelp()
    .split('\n')
    .map((line) => {
      const m = /^ {2}(\S+) +(.*) \(default: (.*)\)$/.exec(line);
      if (!m) throw new Error(`configHelp() printed a line this test cannot read: ${line}`);
      return { env: m[1]!, description: m[2]!, default: m[3] === 'empty' ? '' : m[3]! };
    });
}

function itemText(s: Setting): string {
  return `- \`${s.env}\` (${s.default ? `default \`${s.default}\`` : 'default empty'}): ${s.description}`;
}

/** The README's list, wrapped at 120 characters with two-space continuation lines. */
function renderList(settings: Setting[]): string {
  return settings
    .map((s) => {
      const lines: string[] = [];
      let line = '';
      for (const word of itemText(s).split(' ')) {
        if (line && line.length + 1 + word.length > WIDTH) {
          lines.push(line);
          line = `  ${word}`;
        } else line = line ? `${line} ${word}` : word;
      }
      return [...lines, line].join('\n');
    })
    .join('\n');
}

function readmeBlock(): string {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`README.md has lost its settings markers:\n${START}\n${END}`);
  return readme.slice(start + START.length, end).trim();
}

/** The list between the README's markers, one entry per item, continuation lines joined. */
function settingsInReadme(): Setting[] {
  const items = readmeBlock()
    .split(/\n(?=- )/)
    .map((item) => item.replace(/\s*\n\s*/g, ' '))
    .filter((item) => item !== '');
  return items.map((item) => {
    const m = /^- `([A-Z0-9_]+)` \(default (?:`(.*?)`|empty)\): (.*)$/.exec(item);
    // An item in another form cannot equal a setting, so the comparison fails and prints the list.
    return m ? { env: m[1]!, default: m[2] ?? '', description: m[3]! } : { env: '?', default: '?', description: item };
  });
}

describe("README's settings list", () => {
  it('names every setting of server/config.ts, in its order, with its default and description', () => {
    const expected = settingsInConfig();
    const readme = settingsInReadme();
    if (!isDeepStrictEqual(readme, expected)) {
      console.error(
        `README.md's settings differ from server/config.ts. Put this between the markers:\n\n${renderList(expected)}\n`,
      );
    }
    expect(readme).toEqual(expected);
  });

  it('keeps its lines within 120 characters (Markdown is not formatted by prettier)', () => {
    const long = readmeBlock()
      .split('\n')
      .filter((line) => line.length > WIDTH);
    expect(long).toEqual([]);
  });
});
