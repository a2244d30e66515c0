import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { functionLength } from './function-length.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
});
const body = (n) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
const options = [{ max: 5, componentMax: 8 }];

tester.run('function-length', functionLength, {
  valid: [
    // 5 lines counted: the signature, three statements, the brace; blank and comment lines are not.
    { code: `function helper() {\n${body(3)}\n\n  // why\n}`, options },
    { code: `function Panel() {\n${body(6)}\n}`, filename: 'panel.tsx', options },
    { code: `const useThing = () => {\n${body(3)}\n};`, filename: 'thing.tsx', options },
  ],
  invalid: [
    {
      code: `function helper() {\n${body(4)}\n}`,
      options,
      errors: [{ messageId: 'long', data: { what: 'Function', name: 'helper', lines: 6, max: 5 } }],
    },
    {
      code: `export function Panel() {\n${body(7)}\n}`,
      filename: 'panel.tsx',
      options,
      errors: [{ messageId: 'long', data: { what: 'Component', name: 'Panel', lines: 9, max: 8 } }],
    },
    {
      // A PascalCase function in a .ts file is no component: the function limit holds.
      code: `function Panel() {\n${body(4)}\n}`,
      filename: 'panel.ts',
      options,
      errors: [{ messageId: 'long' }],
    },
    {
      code: `const useThing = () => {\n${body(4)}\n};`,
      filename: 'thing.tsx',
      options,
      errors: [{ messageId: 'long', data: { what: 'Function', name: 'useThing', lines: 6, max: 5 } }],
    },
  ],
});
