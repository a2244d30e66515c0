/**
 * Function length, counted without blank and comment-only lines: at most `max` lines for a function, and
 * `componentMax` for a React component (a function named in PascalCase, in a .tsx file). The core rule
 * max-lines-per-function cannot tell a component from a helper.
 */
const FUNCTIONS = ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'];

function nameOf(node) {
  if (node.id?.name) return node.id.name;
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition') && parent.key.type === 'Identifier') {
    return parent.key.name;
  }
  // memo(function X() {}), forwardRef((props) => …) assigned to a PascalCase name
  if (parent?.type === 'CallExpression' && parent.parent?.type === 'VariableDeclarator') {
    return parent.parent.id.name ?? null;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const functionLength = {
  meta: {
    type: 'suggestion',
    schema: [
      {
        type: 'object',
        properties: { max: { type: 'integer' }, componentMax: { type: 'integer' } },
        additionalProperties: false,
      },
    ],
    messages: {
      long: '{{what}} {{name}} has {{lines}} lines (at most {{max}}): split it into functions that each do one job.',
    },
  },
  create(context) {
    const { max = 80, componentMax = 150 } = context.options[0] ?? {};
    const source = context.sourceCode;
    const isTsx = context.filename.endsWith('.tsx');
    // A line counts when code stands on it: blank and comment-only lines do not.
    const codeLines = new Set();
    for (const t of source.ast.tokens) {
      for (let l = t.loc.start.line; l <= t.loc.end.line; l++) codeLines.add(l);
    }
    const check = (node) => {
      let lines = 0;
      for (let l = node.loc.start.line; l <= node.loc.end.line; l++) if (codeLines.has(l)) lines++;
      const name = nameOf(node);
      const component = isTsx && !!name && /^[A-Z]/.test(name);
      const limit = component ? componentMax : max;
      if (lines > limit) {
        context.report({
          node,
          loc: node.loc.start,
          messageId: 'long',
          data: { what: component ? 'Component' : 'Function', name: name ?? '(anonymous)', lines, max: limit },
        });
      }
    };
    return Object.fromEntries(FUNCTIONS.map((t) => [t, check]));
  },
};

export default { rules: { 'function-length': functionLength } };
