import {
  DEFAULT_SCALE_LABEL_LAYOUT,
  type ScaleLabelLayout,
  type ScaleLabelRule,
} from '../../../shared/protocol/scale-label-layout';
import { useT, type Translate } from '../i18n/i18n';
import { SelectField } from '../ui/select-field';
import { TextField } from '../ui/text-field';
import { branchMessages } from './branch-messages';

/** One rule as typed: the prefixes as "20, 21" and the digit counts as text until they are checked. */
export interface ScaleRuleDraft {
  prefixes: string;
  embedded: 'weight' | 'price';
  itemDigits: string;
  valueDigits: string;
  decimals: string;
}

export function toDrafts(layout: ScaleLabelLayout): ScaleRuleDraft[] {
  return layout.map((r) => ({
    prefixes: r.prefixes.join(', '),
    embedded: r.embedded,
    itemDigits: String(r.itemDigits),
    valueDigits: String(r.valueDigits),
    decimals: String(r.decimals),
  }));
}

function prefixList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function fromDrafts(drafts: readonly ScaleRuleDraft[]): ScaleLabelLayout {
  return drafts.map((d): ScaleLabelRule => ({
    prefixes: prefixList(d.prefixes),
    embedded: d.embedded,
    itemDigits: Number(d.itemDigits),
    valueDigits: Number(d.valueDigits),
    decimals: Number(d.decimals),
  }));
}

type T = Translate<keyof (typeof branchMessages)['es']>;

/** What is wrong with the typed rules, in the manager's words, or undefined. */
export function scaleLabelProblem(drafts: readonly ScaleRuleDraft[], t: T): string | undefined {
  const seen = new Set<string>();
  for (const [i, d] of drafts.entries()) {
    const n = i + 1;
    const prefixes = prefixList(d.prefixes);
    if (prefixes.length === 0 || prefixes.some((p) => !/^2\d$/.test(p))) return t('scale_invalidPrefixes', { n });
    const repeated = prefixes.find((p) => seen.has(p));
    if (repeated) return t('scale_repeatedPrefix', { prefix: repeated });
    prefixes.forEach((p) => seen.add(p));
    const item = Number(d.itemDigits);
    const value = Number(d.valueDigits);
    const digitsOk = [item, value].every((x) => Number.isInteger(x) && x >= 1 && x <= 9);
    if (!digitsOk || item + value !== 10) return t('scale_invalidDigits', { n });
  }
}

/** The branch's scale-label rules: one row a rule, add, remove, back to the usual layout. */
export function ScaleLabelEditor({
  rules,
  onChange,
}: {
  rules: ScaleRuleDraft[];
  onChange: (rules: ScaleRuleDraft[]) => void;
}) {
  const t = useT(branchMessages);
  const set = (i: number, change: Partial<ScaleRuleDraft>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const add = () =>
    onChange([...rules, { prefixes: '', embedded: 'weight', itemDigits: '5', valueDigits: '5', decimals: '3' }]);
  return (
    <fieldset className="checks wide wide-dialog">
      <legend>{t('scale_legend')}</legend>
      <p className="sub">{t('scale_help')}</p>
      {rules.map((r, i) => (
        <div key={i} className="line-row" role="group" aria-label={t('scale_rule', { n: i + 1 })}>
          <TextField
            className="grow"
            label={t('scale_prefixes')}
            value={r.prefixes}
            onChange={(e) => set(i, { prefixes: e.target.value })}
          />
          <SelectField
            label={t('scale_embedded')}
            value={r.embedded}
            onChange={(v) => set(i, { embedded: v as ScaleRuleDraft['embedded'], decimals: v === 'price' ? '2' : '3' })}
            options={[
              { value: 'weight', label: t('scale_weight') },
              { value: 'price', label: t('scale_price') },
            ]}
          />
          <TextField
            label={t('scale_itemDigits')}
            inputMode="numeric"
            value={r.itemDigits}
            onChange={(e) => set(i, { itemDigits: e.target.value })}
          />
          <TextField
            label={t('scale_valueDigits')}
            inputMode="numeric"
            value={r.valueDigits}
            onChange={(e) => set(i, { valueDigits: e.target.value })}
          />
          <SelectField
            label={t('scale_decimals')}
            value={r.decimals}
            onChange={(v) => set(i, { decimals: v })}
            options={['0', '1', '2', '3'].map((d) => ({ value: d, label: d }))}
          />
          <button
            type="button"
            aria-label={t('scale_removeRule', { n: i + 1 })}
            onClick={() => onChange(rules.filter((_, j) => j !== i))}
          >
            {t('scale_remove')}
          </button>
        </div>
      ))}
      <div className="actions">
        <button type="button" onClick={add} disabled={rules.length >= 10}>
          {t('scale_addRule')}
        </button>
        <button type="button" onClick={() => onChange(toDrafts(DEFAULT_SCALE_LABEL_LAYOUT))}>
          {t('scale_reset')}
        </button>
      </div>
    </fieldset>
  );
}
