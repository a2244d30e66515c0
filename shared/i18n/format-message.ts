/**
 * Fills a message template, for the POS and the console alike. `{name}` takes a parameter;
 * `{count, plural, one {# venta} other {# ventas}}` picks the form of the language's plural rule
 * (Intl.PluralRules) for `count`, with `#` standing for the number. A form holds no braces of its
 * own; parameters go outside the plural block.
 */
export function formatMessage(
  template: string,
  params: Record<string, string | number> | undefined,
  intlLocale: string,
): string {
  const plurals = template.replace(
    /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g,
    (_, name: string, forms: string) => {
      const n = Number(params?.[name] ?? 0);
      const byCategory = new Map([...forms.matchAll(/(\w+) \{([^{}]*)\}/g)].map((f) => [f[1]!, f[2]!]));
      const form = byCategory.get(new Intl.PluralRules(intlLocale).select(n)) ?? byCategory.get('other') ?? '';
      return form.replaceAll('#', n.toLocaleString(intlLocale));
    },
  );
  return plurals.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}
